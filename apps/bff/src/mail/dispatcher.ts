import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type pino from "pino";
import { type Db, preparedOnce } from "../db/client";
import { outbox } from "../db/schema";

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

/** Looked for after every write request: prepared once. */
const dueRows = preparedOnce((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, sql.placeholder("now"))))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(BATCH)
    .prepare(),
);

/** How long a claimed row is left to its sender before another process may try it. */
const LEASE_MS = 60_000;
const BATCH = 20;

export function createDispatcher(options: {
  db: Db;
  transport: Pick<Transporter, "sendMail">;
  from: string;
  now: () => number;
  logger: pino.Logger;
  pollMs?: number;
  /** Background work that may queue emails, run before each delivery round. */
  tasks?: Array<() => unknown>;
}): Dispatcher {
  const { db, transport, from, now, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function deliver(id: number): Promise<boolean> {
    const t = now();
    // Claim the row: with several processes on one database, only one sends it.
    const claimed = db
      .update(outbox)
      .set({ nextAttemptAt: t + LEASE_MS })
      .where(and(eq(outbox.id, id), isNull(outbox.sentAt), lte(outbox.nextAttemptAt, t)))
      .returning()
      .get();
    if (!claimed || claimed.textBody === null) return false;
    try {
      await transport.sendMail({
        from,
        to: claimed.recipient,
        subject: claimed.subject,
        text: claimed.textBody,
        ...(claimed.htmlBody ? { html: claimed.htmlBody } : {}),
      });
    } catch (error) {
      const attempts = claimed.attempts + 1;
      const delay = retryDelayMs(attempts);
      db.update(outbox)
        .set({
          attempts,
          nextAttemptAt: now() + delay,
          lastError: String((error as Error)?.message ?? error).slice(0, 200),
        })
        .where(eq(outbox.id, id))
        .run();
      logger.warn({ outboxId: id, attempts, retryInMs: delay }, "email not delivered, will retry");
      return false;
    }
    // Delivered: the body (which may hold a link) is erased; secure_delete wipes it.
    db.update(outbox)
      .set({
        sentAt: now(),
        attempts: claimed.attempts + 1,
        textBody: null,
        htmlBody: null,
        lastError: null,
      })
      .where(eq(outbox.id, id))
      .run();
    logger.info({ outboxId: id }, "email delivered");
    return true;
  }

  /**
   * A delivered body is erased from its row, but older copies of the page stay in the
   * WAL until a checkpoint: fold the WAL into the file (secure_delete wipes the freed
   * bytes there) and truncate it, so that no usable link survives on disk (invariant 4).
   */
  function eraseDeliveredBodies(): void {
    db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  }

  async function drain(): Promise<number> {
    let delivered = 0;
    for (const task of options.tasks ?? []) task();
    for (;;) {
      const due = dueRows(db).all({ now: now() });
      if (due.length === 0) {
        if (delivered > 0) eraseDeliveredBodies();
        return delivered;
      }
      let progressed = false;
      for (const { id } of due) {
        if (await deliver(id)) {
          delivered++;
          progressed = true;
        }
      }
      if (!progressed) {
        if (delivered > 0) eraseDeliveredBodies();
        return delivered;
      }
    }
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
