import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  type Config,
  type KeySet,
  OWASP_ARGON2,
  type SecretKey,
  VALIDATION_RESEND_MS,
} from "./config";
import { useFrenchZodMessages } from "./zod-locale";

/**
 * The only reader of process.env. Every value is validated at start; a wrong or missing
 * one stops the process with one clear line per problem. The default is production: a
 * server started without NODE_ENV requires its secrets, loads no demo data and has no
 * /api/dev/*. Development is asked for explicitly (`pnpm start`, `pnpm dev`); there the
 * secrets are generated once and kept in `.data/secrets.json` (never committed).
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const secret = z.string().min(32, "doit compter au moins 32 caractères");
const keyId = z.coerce.number().int().min(1).max(32767);
/** Previous secrets during a rotation: `id:secret`, comma-separated. */
const previousSecrets = z
  .string()
  .transform((value, context) => {
    const keys: SecretKey[] = [];
    for (const item of value
      .split(",")
      .map((i) => i.trim())
      .filter(Boolean)) {
      const colon = item.indexOf(":");
      const id = Number(item.slice(0, colon));
      const text = item.slice(colon + 1);
      if (colon < 1 || !Number.isInteger(id) || id < 1 || text.length < 32) {
        context.addIssue({
          code: "custom",
          message:
            "attendu : des paires « identifiant:secret » séparées par des virgules (identifiant entier ≥ 1, secret de 32 caractères ou plus)",
        });
        return z.NEVER;
      }
      keys.push({ id, secret: text });
    }
    return keys;
  })
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default(join(repoRoot, ".data/app.db")),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "attendu : une adresse postgres://utilisateur:motdepasse@hôte:port/base",
    )
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  OUTBOX_LEASE_MS: positiveInt.default(60_000),
  PASSWORD_CHECK_FLOOR_MS: z.coerce.number().int().min(0).max(10_000).default(800),
  /** Password hashes computed at once (the others wait their turn): one per core by default. */
  HASHING_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  PUBLIC_URL: z.url().optional(),
  EXTRA_ORIGINS: z.string().optional(),
  WEB_ROOT: z.string().optional(),
  CONSOLE_ROOT: z.string().optional(),
  /** Serve the advisers' console and /api/staff/* on this port only (OPERATIONS.md §2). */
  STAFF_PORT: port.optional(),
  STAFF_PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  DEV_SMTP_PORT: port.default(1025),
  MAIL_FROM: z.string().min(3).optional(),
  NIR_PEPPER: secret.optional(),
  NIR_PEPPER_ID: keyId.default(1),
  NIR_PEPPER_PREVIOUS: previousSecrets,
  SESSION_SECRET: secret.optional(),
  SESSION_SECRET_ID: keyId.default(1),
  SESSION_SECRET_PREVIOUS: previousSecrets,
  RATE_LIMIT_PER_MINUTE: positiveInt.default(30),
  RATE_LIMIT_EMAILS_PER_HOUR: positiveInt.default(10),
  RATE_LIMIT_PER_IDENTIFIER_PER_HOUR: positiveInt.default(10),
  WIZARD_ADDRESSES_PER_HOUR: positiveInt.default(10),
  /** Comma-separated addresses of the reverse proxies to believe (X-Forwarded-For). */
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  /** Test runs only: lowers the argon2id cost. Refused outside NODE_ENV=test. */
  ARGON2_TEST_MEMORY_KIB: positiveInt.optional(),
  /**
   * Test runs only: the wait between two validation emails of a wizard (60 s otherwise),
   * so that a browser journey can resend after the wait without sleeping a minute.
   */
  VALIDATION_RESEND_TEST_MS: positiveInt.optional(),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

type DevSecrets = { nirPepper: string; sessionSecret: string };

function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const generated = {
    nirPepper: randomBytes(32).toString("base64url"),
    sessionSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  return generated;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  useFrenchZodMessages();
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const problems: string[] = [];
  for (const [name, current, previous] of [
    ["NIR_PEPPER", e.NIR_PEPPER_ID, e.NIR_PEPPER_PREVIOUS],
    ["SESSION_SECRET", e.SESSION_SECRET_ID, e.SESSION_SECRET_PREVIOUS],
  ] as const) {
    if (previous?.some((k) => k.id === current)) {
      problems.push(
        `${name}_PREVIOUS : l'identifiant ${current} est celui du secret actuel (${name}_ID) ; donnez un identifiant nouveau au secret actuel`,
      );
    }
  }
  if (production) {
    if (!e.SMTP_URL)
      problems.push("SMTP_URL : obligatoire en production (le serveur SMTP d'envoi)");
    if (!e.MAIL_FROM)
      problems.push("MAIL_FROM : obligatoire en production (l'adresse d'expédition des emails)");
    if (!e.NIR_PEPPER)
      problems.push(
        "NIR_PEPPER : obligatoire en production (32 caractères aléatoires ou plus ; pour le changer, suivre la rotation de l'ADR 014)",
      );
    if (!e.SESSION_SECRET)
      problems.push(
        "SESSION_SECRET : obligatoire en production (32 caractères aléatoires ou plus)",
      );
    if (!e.PUBLIC_URL)
      problems.push(
        "PUBLIC_URL : obligatoire en production (l'adresse https qu'utilisent les adhérents)",
      );
    if (problems.length > 0 && env.NODE_ENV === undefined)
      problems.push(
        "NODE_ENV : non défini, donc production ; sur un poste de développement, lancez « pnpm start » ou « pnpm dev », qui demandent NODE_ENV=development",
      );
  }
  if (e.ARGON2_TEST_MEMORY_KIB && e.NODE_ENV !== "test") {
    problems.push("ARGON2_TEST_MEMORY_KIB : permis seulement avec NODE_ENV=test");
  }
  if (e.VALIDATION_RESEND_TEST_MS && e.NODE_ENV !== "test") {
    problems.push("VALIDATION_RESEND_TEST_MS : permis seulement avec NODE_ENV=test");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const databasePath = resolve(e.DATABASE_PATH);
  const secrets =
    e.NIR_PEPPER && e.SESSION_SECRET
      ? { nirPepper: e.NIR_PEPPER, sessionSecret: e.SESSION_SECRET }
      : { ...devSecrets(dirname(databasePath)), ...pickDefined(e) };
  const keySet = (id: number, secret: string, previous: SecretKey[] | undefined): KeySet => ({
    current: { id, secret },
    previous: previous ?? [],
  });
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const webRoot = e.WEB_ROOT ? resolve(e.WEB_ROOT) : join(repoRoot, "apps/web/dist");
  const consoleRoot = e.CONSOLE_ROOT
    ? resolve(e.CONSOLE_ROOT)
    : join(repoRoot, "apps/console/dist");
  const staffPublicUrl = (
    e.STAFF_PUBLIC_URL ?? (e.STAFF_PORT ? `http://localhost:${e.STAFF_PORT}` : publicUrl)
  ).replace(/\/+$/, "");

  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    publicUrl,
    extraOrigins: (e.EXTRA_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    webRoot: existsSync(webRoot) ? webRoot : null,
    consoleRoot: existsSync(consoleRoot) ? consoleRoot : null,
    staffPort: e.STAFF_PORT ?? null,
    staffPublicUrl,
    smtpUrl: e.SMTP_URL ?? null,
    devSmtpPort: e.DEV_SMTP_PORT,
    mailFrom: e.MAIL_FROM ?? "MGEN Connect <ne-pas-repondre@mgen-connect.example>",
    nirPepper: keySet(e.NIR_PEPPER_ID, secrets.nirPepper, e.NIR_PEPPER_PREVIOUS),
    sessionSecret: keySet(e.SESSION_SECRET_ID, secrets.sessionSecret, e.SESSION_SECRET_PREVIOUS),
    argon2: e.ARGON2_TEST_MEMORY_KIB
      ? { memoryCost: e.ARGON2_TEST_MEMORY_KIB, timeCost: 1, parallelism: 1 }
      : { ...OWASP_ARGON2 },
    passwordCheckFloorMs: e.PASSWORD_CHECK_FLOOR_MS,
    hashingConcurrency: e.HASHING_CONCURRENCY ?? availableParallelism(),
    validationResendMs: e.VALIDATION_RESEND_TEST_MS ?? VALIDATION_RESEND_MS,
    secureCookies: production || publicUrl.startsWith("https://"),
    devRoutes: !production,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitEmailsPerHour: e.RATE_LIMIT_EMAILS_PER_HOUR,
    rateLimitPerIdentifierPerHour: e.RATE_LIMIT_PER_IDENTIFIER_PER_HOUR,
    wizardAddressesPerHour: e.WIZARD_ADDRESSES_PER_HOUR,
    trustProxy: (e.TRUST_PROXY ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
  };
}

/** A secret given in the environment wins over the generated one. */
function pickDefined(e: z.infer<typeof schema>): Partial<DevSecrets> {
  const out: Partial<DevSecrets> = {};
  if (e.NIR_PEPPER) out.nirPepper = e.NIR_PEPPER;
  if (e.SESSION_SECRET) out.sessionSecret = e.SESSION_SECRET;
  return out;
}
