import type { Transporter } from "nodemailer";
import type pino from "pino";
import { createApp, createStaffApp } from "./app";
import type { Config } from "./config";
import type { Engine } from "./db/engine";
import type { DomainContext } from "./domain/context";
import type { Hasher } from "./domain/crypto";
import { createKeys } from "./domain/keys";
import { answerResetRequests } from "./domain/reset-requests";
import type { MailCatcher } from "./mail/catcher";
import { createDispatcher, type Dispatcher } from "./mail/dispatcher";

/**
 * The one wiring of the BFF, used by `server.ts` and by the tests alike: the domain
 * context (database, hasher, keys derived from the configured secrets, clock, logger),
 * the outbox dispatcher with its background work, and the Hono app. Nothing here
 * listens on a port or opens a database: the caller owns those.
 */
export type Parts = {
  config: Config;
  db: Engine;
  hasher: Hasher;
  logger: pino.Logger;
  transport: Pick<Transporter, "sendMail">;
  catcher: MailCatcher | null;
  /** The domain's clock (tests move it by hand); emails are always timed by the real one. */
  now?: () => number;
  /** How often the dispatcher looks for due emails when nothing woke it. */
  pollMs?: number;
};

export type Wired = {
  ctx: DomainContext;
  app: ReturnType<typeof createApp>;
  /** The console and staff API alone, when STAFF_PORT serves them (else null: `app` has them). */
  staffApp: ReturnType<typeof createStaffApp> | null;
  dispatcher: Dispatcher;
};

export function wire(parts: Parts): Wired {
  const { config, db, hasher, logger } = parts;
  // Set by a transaction that queued background work; read (and reset) by the app once
  // the answer is on its way, which then wakes the dispatcher (ADR 011).
  let queued = false;
  const ctx: DomainContext = {
    db,
    hasher,
    keys: createKeys(config),
    config,
    now: parts.now ?? Date.now,
    logger,
    workQueued: () => {
      queued = true;
    },
  };
  const dispatcher = createDispatcher({
    db,
    transport: parts.transport,
    from: config.mailFrom,
    now: Date.now,
    logger,
    ...(parts.pollMs ? { pollMs: parts.pollMs } : {}),
    leaseMs: config.outboxLeaseMs,
    tasks: [() => answerResetRequests(ctx)],
  });
  const workQueued = () => {
    const was = queued;
    queued = false;
    return was;
  };
  const deps = { mail: dispatcher, catcher: parts.catcher, workQueued };
  const app = createApp(ctx, deps);
  const staffApp = config.staffPort === null ? null : createStaffApp(ctx, deps);
  return { ctx, app, staffApp, dispatcher };
}
