import type { Transporter } from "nodemailer";
import type pino from "pino";
import type { Engine } from "../db/engine";
import { anyDue, claimDue, markFailed, markSent } from "../store/outbox";

export type Dispatcher = {
  /** Look for due emails now (called after a transaction that enqueued one). */
  kick(): void;
  /** Delivers what is due once; resolves with the number delivered. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
};

/** 1 s, 2 s, 4 s… capped at 30 s: a mail server that comes back is used within 30 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

const BATCH = 20;

/**
 * Delivers the outbox (ADR 003). Rows are claimed in batches with a lease: with several
 * instances on one database, each row goes to one of them (SKIP LOCKED on PostgreSQL,
 * serialised writes on SQLite), and the rows of an instance that dies come back to the
 * others when the lease ends.
 */
export function createDispatcher(options: {
  db: Engine;
  transport: Pick<Transporter, "sendMail">;
  from: string;
  now: () => number;
  logger: pino.Logger;
  pollMs?: number;
  /** How long a claimed row is left to its sender before another instance may try it. */
  leaseMs?: number;
  /** Background work that may queue emails, run before each delivery round. */
  tasks?: Array<() => Promise<unknown>>;
}): Dispatcher {
  const { db, transport, from, now, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function deliver(row: Awaited<ReturnType<typeof claimDue>>[number]): Promise<boolean> {
    if (row.textBody === null) return false;
    const attempts = row.attempts + 1;
    try {
      await transport.sendMail({
        from,
        to: row.recipient,
        subject: row.subject,
        text: row.textBody,
        ...(row.htmlBody ? { html: row.htmlBody } : {}),
      });
    } catch (error) {
      const delay = retryDelayMs(attempts);
      const message = String((error as Error)?.message ?? error).slice(0, 200);
      await markFailed(db, row.id, attempts, now() + delay, message);
      logger.warn(
        { outboxId: row.id, attempts, retryInMs: delay },
        "email not delivered, will retry",
      );
      return false;
    }
    // Delivered: the body (which may hold a link) is erased.
    await markSent(db, row.id, attempts, now());
    logger.info({ outboxId: row.id }, "email delivered");
    return true;
  }

  async function drain(): Promise<number> {
    let delivered = 0;
    for (const task of options.tasks ?? []) await task();
    for (;;) {
      if (!(await anyDue(db, now()))) break;
      const claimed = await claimDue(db, now(), leaseMs, BATCH);
      if (claimed.length === 0) break;
      let sent = 0;
      for (const row of claimed) if (await deliver(row)) sent++;
      delivered += sent;
      if (sent === 0) break;
    }
    // No usable link survives on disk (invariant 4): SQLite folds and truncates its WAL.
    if (delivered > 0) await db.compact();
    return delivered;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await drain();
        } while (again);
      } catch (error) {
        logger.error({ err: error }, "email dispatcher failed");
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      await runOnce();
      schedule();
    }, pollMs);
    timer.unref();
  }

  return {
    kick: () => {
      void runOnce();
    },
    runOnce,
    start: () => {
      stopped = false;
      schedule();
      void runOnce();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
