/** A secret and the id stored beside what it hashes (ADR 014). */
export type SecretKey = { id: number; secret: string };
/** The current secret first, then the previous ones still accepted during a rotation. */
export type KeySet = { current: SecretKey; previous: SecretKey[] };

/** Everything the app needs to know about its environment, built by env.ts (or by tests). */
export type Config = {
  mode: "development" | "production" | "test";
  port: number;
  /** Host name or address the HTTP server binds to. */
  host: string;
  /** The SQLite file (the embedded default), used when `databaseUrl` is null. */
  databasePath: string;
  /** A PostgreSQL server (`postgres://…`): then any number of instances can share it. */
  databaseUrl: string | null;
  /** Connections of this instance's PostgreSQL pool. */
  databasePoolSize: number;
  /** How long an instance keeps the emails it claimed before the others may send them. */
  outboxLeaseMs: number;
  /** The public origin of the app: links in emails and the origin check use it, never the request's Host. */
  publicUrl: string;
  /** Extra origins allowed to send state-changing requests (the Vite dev server). */
  extraOrigins: string[];
  /** Where the built SPA lives; null when the BFF serves only the API. */
  webRoot: string | null;
  /** The advisers' console build (apps/console/dist), when built. */
  consoleRoot: string | null;
  /** When set, the console and /api/staff/* are served on this port only (not on `port`). */
  staffPort: number | null;
  /** The console's origin: its enrolment links, and the origin its requests must come from. */
  staffPublicUrl: string;
  /** SMTP server to deliver through; null starts the embedded catcher on `devSmtpPort`. */
  smtpUrl: string | null;
  devSmtpPort: number;
  mailFrom: string;
  /**
   * Secret of the NIR look-up hash, with the previous ones during a rotation (ADR 014).
   * Losing every pepper that hashed a member's NIR makes that Espace unreachable by NIR.
   */
  nirPepper: KeySet;
  /** Secret from which the keys of session ids, link tokens, device cookies and counters derive. */
  sessionSecret: KeySet;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** A wrong password (or answer) is answered no sooner than this (ADR 020). */
  passwordCheckFloorMs: number;
  /** Password hashes computed at once; the others queue (ADR 025). One per core by default. */
  hashingConcurrency: number;
  /** The wait between two validation emails a member asks for (SPEC B step 3: a minute). */
  validationResendMs: number;
  /** Cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** Mount /api/dev/* (mailbox). Never in production. */
  devRoutes: boolean;
  /** Requests a minute per client address on routes that check a secret. */
  rateLimitPerMinute: number;
  /** Requests an hour per client address on routes that send an email. */
  rateLimitEmailsPerHour: number;
  /** Requests an hour per identifier (NIR or address), whatever the client address. */
  rateLimitPerIdentifierPerHour: number;
  /** Different addresses an Espace may try at step 1 of the wizard in an hour. */
  wizardAddressesPerHour: number;
  /** Addresses of the reverse proxies whose X-Forwarded-For is believed. */
  trustProxy: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
};

/** OWASP's minimum for argon2id (SPEC invariant 6): m = 19 MiB, t = 2, p = 1. */
export const OWASP_ARGON2 = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** A member may ask for a new validation email once a minute (SPEC B step 3). */
export const VALIDATION_RESEND_MS = 60_000;
