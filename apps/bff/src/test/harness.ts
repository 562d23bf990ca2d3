import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MailboxMessage } from "@mgen/contracts";
import { tokenFromFragment } from "@mgen/contracts/rules";
import BetterSqlite from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import nodemailer from "nodemailer";
import pino from "pino";
import type { createApp } from "../app";
import { type Config, VALIDATION_RESEND_MS } from "../config";
import { type Database, openDatabase, prepareDatabase } from "../db/open";
import * as sqliteSchema from "../db/sqlite/schema";
import type { DomainContext } from "../domain/context";
import { createHasher, type Hasher } from "../domain/crypto";
import { type MailCatcher, startMailCatcher } from "../mail/catcher";
import type { Dispatcher } from "../mail/dispatcher";
import { seedDemoData } from "../seed/demo";
import { seedDemoStaff } from "../seed/staff";
import { wire } from "../wiring";
import { createTestDatabase } from "./postgres";

export const TEST_NIR_PEPPER = "test-pepper-0123456789abcdef0123456789abcdef";
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef012345";

/** A cheap argon2id for tests only (the default start keeps OWASP's minimum). */
export const TEST_ARGON2 = { memoryCost: 256, timeCost: 1, parallelism: 1 };

export function testConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    mode: "test",
    port: 0,
    host: "127.0.0.1",
    databasePath: join(dir, "app.db"),
    databaseUrl: null,
    databasePoolSize: 5,
    outboxLeaseMs: 60_000,
    publicUrl: "http://localhost:3000",
    extraOrigins: [],
    webRoot: null,
    consoleRoot: null,
    staffPort: null,
    staffPublicUrl: "http://localhost:3000",
    smtpUrl: null,
    devSmtpPort: 0,
    mailFrom: "MGEN Connect <ne-pas-repondre@mgen-connect.example>",
    nirPepper: { current: { id: 1, secret: TEST_NIR_PEPPER }, previous: [] },
    sessionSecret: { current: { id: 1, secret: TEST_SESSION_SECRET }, previous: [] },
    argon2: TEST_ARGON2,
    passwordCheckFloorMs: 0,
    hashingConcurrency: 2,
    validationResendMs: VALIDATION_RESEND_MS,
    secureCookies: false,
    devRoutes: true,
    rateLimitPerMinute: 1000,
    rateLimitEmailsPerHour: 1000,
    rateLimitPerIdentifierPerHour: 1000,
    wizardAddressesPerHour: 10,
    trustProxy: [],
    logLevel: "silent",
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export function testClock(start = Date.UTC(2026, 10, 26, 9, 0)) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** drizzle over the app's SQLite connection: what tests read and arrange directly. */
export type SqliteOrm = ReturnType<typeof drizzle<typeof sqliteSchema>>;

export type TestApp = {
  app: ReturnType<typeof createApp>;
  /** The domain context the app runs with (its keys, clock and database). */
  ctx: DomainContext;
  config: Config;
  /** The app's database engine (SQLite or PostgreSQL). */
  db: Database;
  /** On SQLite, drizzle over the same connection and the connection itself, for tests that look inside. */
  database: { db: SqliteOrm; sqlite: BetterSqlite.Database };
  hasher: Hasher;
  catcher: MailCatcher;
  dispatcher: Dispatcher;
  /** A new browser; `remoteAddress` is the client address its requests come from. */
  browser: (remoteAddress?: string) => Browser;
  dir: string;
  /** Waits until the catcher holds a message for `to` matching `match`. */
  waitForMail: (to: string, match?: (m: MailboxMessage) => boolean) => Promise<MailboxMessage>;
  close: () => Promise<void>;
};

/**
 * The real app on a fresh database with the committed migrations and the demo data
 * (SQLite file by default; a database of its own on the test PostgreSQL with
 * `engine: "postgres"`), real SMTP to a real catcher: only the argon2 cost and, when
 * asked, the clock differ.
 */
export async function createTestApp(
  options: {
    now?: () => number;
    config?: Partial<Config>;
    seed?: boolean;
    /** An existing folder whose database is reopened (a restart), kept on close. */
    dir?: string;
    /** Where the app logs (silent by default). */
    logger?: pino.Logger;
    engine?: "sqlite" | "postgres";
  } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "mgen-bff-"));
  // TEST_ENGINE=postgres runs every API test on PostgreSQL (pnpm test:postgres).
  const engine = options.engine ?? (process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite");
  const postgres =
    engine === "postgres" && !options.config?.databaseUrl ? await createTestDatabase() : null;
  const config = testConfig(dir, {
    ...(postgres ? { databaseUrl: postgres.url } : {}),
    ...options.config,
  });
  const db = openDatabase(config);
  await prepareDatabase(db, async () => {});
  const hasher = await createHasher(config.argon2, { floorMs: config.passwordCheckFloorMs });
  const catcher = await startMailCatcher(0);
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: catcher.port,
    secure: false,
    ignoreTLS: true,
  });
  const logger = options.logger ?? pino({ level: "silent" });
  const { ctx, app, dispatcher } = wire({
    config,
    db,
    hasher,
    logger,
    transport,
    catcher,
    ...(options.now ? { now: options.now } : {}),
    pollMs: 50,
  });
  if (options.seed !== false) {
    await seedDemoData(db, ctx);
    await seedDemoStaff(db, ctx);
  }
  dispatcher.start();
  const sqlite = db.kind === "sqlite" ? db.connection : new BetterSqlite(":memory:");
  const database = { db: drizzle(sqlite, { schema: sqliteSchema }), sqlite };

  async function waitForMail(to: string, match: (m: MailboxMessage) => boolean = () => true) {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = catcher.list(to).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no email for ${to} within 5 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  return {
    app,
    ctx,
    config,
    db,
    database,
    hasher,
    catcher,
    dispatcher,
    browser: (remoteAddress = "127.0.0.1") => new Browser(app, remoteAddress),
    dir,
    waitForMail,
    close: async () => {
      await dispatcher.stop();
      await catcher.close();
      if (db.kind === "sqlite" ? db.connection.open : true) await db.close();
      if (db.kind !== "sqlite") sqlite.close();
      await postgres?.drop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

type RequestOptions = { headers?: Record<string, string>; rawBody?: string };

/** A client with a cookie jar, like one browser tab, over `app.request`. */
export class Browser {
  private cookies = new Map<string, string>();

  constructor(
    private readonly app: {
      request: (path: string, init?: RequestInit, env?: unknown) => Response | Promise<Response>;
    },
    private readonly remoteAddress?: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Copies this browser's cookies (same session) into a new one. */
  clone(): Browser {
    const other = new Browser(this.app, this.remoteAddress);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    let payload: string | undefined = options.rawBody;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["Content-Type"] ??= "application/json";
    }
    // What @hono/node-server gives the app: the socket the request came from.
    const env = this.remoteAddress
      ? {
          incoming: {
            socket: {
              remoteAddress: this.remoteAddress,
              remotePort: 50000,
              remoteFamily: this.remoteAddress.includes(":") ? "IPv6" : "IPv4",
            },
          },
        }
      : undefined;
    const res = await this.app.request(path, { method, headers, body: payload }, env);
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies of many shapes and assert them.
    return { status: res.status, headers: res.headers, body: json as any, text };
  }

  get(path: string, options?: RequestOptions) {
    return this.request("GET", path, undefined, options);
  }

  post(path: string, body?: unknown, options?: RequestOptions) {
    return this.request("POST", path, body, options);
  }
}

export const DEMO = {
  marie: { nir: "2 90 08 69 123 045 11", email: "marie.dupont@example.fr" },
  jean: { nir: "1 84 05 75 056 082 81", email: "jean.martin@example.fr" },
  sophie: { nir: "2 85 03 31 555 001 23", email: "famille.bernard@example.fr" },
  marc: { nir: "1 83 02 31 555 002 57", email: "famille.bernard@example.fr" },
  paul: { nir: "1 75 12 13 055 123 66", email: "paul.petit@example.fr" },
  claire: { nir: "2 66 09 99 350 012 18", email: "claire.moreau@example.fr" },
  luc: { nir: "1 78 02 44 109 087 54", email: "luc.robert@example.fr" },
  emma: { nir: "2 92 07 67 482 021 69", email: "emma.richard@example.fr" },
  hugo: { nir: "1 88 04 59 350 012 87", email: "hugo.durand@example.fr" },
  lea: { nir: "2 71 12 35 238 012 59", email: null },
  antoine: { nir: "1 85 02 2A 004 025 09", email: "antoine.leca@example.fr" },
} as const;

/** The token of the first link of an email, as the page at that link reads it (its fragment). */
export function tokenOf(mail: MailboxMessage): string {
  const link = mail.links.find((l) => l.includes("#token="));
  const token = link ? tokenFromFragment(new URL(link).hash) : "";
  if (!token) throw new Error(`no token link in "${mail.subject}"`);
  return token;
}

export const ESPACE_PASSWORD = "Demo-Espace-2026";
export const CONNECT_PASSWORD = "Demo-Connect-2026";
export const STRONG_PASSWORD = "Girafe bleue sous la pluie d'automne";
