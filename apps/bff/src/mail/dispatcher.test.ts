import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../db/open";
import { enqueue } from "../store/outbox";
import type { OutboxRow } from "../store/rows";
import { createTestApp, type TestApp, testClock } from "../test/harness";
import { type MailCatcher, startMailCatcher } from "./catcher";
import { createDispatcher, retryDelayMs } from "./dispatcher";
import { migrationConfirmedEmail } from "./templates";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const opened: TestApp[] = [];
let lateCatcher: MailCatcher | undefined;
afterEach(async () => {
  await lateCatcher?.close();
  lateCatcher = undefined;
  for (const app of opened.splice(0)) await app.close();
});

describe("retryDelayMs", () => {
  it("doubles from 1 s and stops at 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

describe.each(["sqlite", "postgres"] as const)("the outbox dispatcher on %s", (engine) => {
  it("keeps retrying while SMTP is down, delivers once when it is back, then erases the body", async () => {
    const t = await createTestApp({ seed: false, engine });
    opened.push(t);
    const clock = testClock();
    const port = await freePort();
    await t.dispatcher.stop();
    const dispatcher = createDispatcher({
      db: t.db,
      transport: nodemailer.createTransport({
        host: "127.0.0.1",
        port,
        secure: false,
        ignoreTLS: true,
      }),
      from: t.config.mailFrom,
      now: clock.now,
      logger: pino({ level: "silent" }),
    });
    const message = migrationConfirmedEmail({
      to: "marie.dupont@example.fr",
      firstName: "Marie",
      publicUrl: "http://localhost:3000",
    });
    await enqueue(t.db, message, clock.now());
    const row = () => t.db.get<OutboxRow>(sql`SELECT * FROM outbox`);

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await dispatcher.runOnce()).toBe(0);
      const r = await row();
      expect(r?.attempts).toBe(attempt);
      expect(r?.sentAt).toBeNull();
      expect(r?.textBody).toBe(message.text);
      delays.push((r?.nextAttemptAt ?? 0) - clock.now());
      // Not due yet: nothing is tried before the delay.
      expect(await dispatcher.runOnce()).toBe(0);
      expect((await row())?.attempts).toBe(attempt);
      clock.advance(delays[delays.length - 1] ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);

    lateCatcher = await startMailCatcher(port);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await dispatcher.runOnce()).toBe(0);
    clock.advance(60_000);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(lateCatcher.list("marie.dupont@example.fr")).toHaveLength(1);
    expect(lateCatcher.list()[0]?.subject).toBe(message.subject);
    const delivered = await row();
    expect(delivered?.sentAt).not.toBeNull();
    expect(delivered?.textBody).toBeNull();
    expect(delivered?.htmlBody).toBeNull();
  });

  it("sends a row once even when two dispatchers, each on a connection of its own, share the database", async () => {
    const t = await createTestApp({ seed: false, engine });
    opened.push(t);
    const second = openDatabase(t.config);
    const make = (db: typeof t.db) =>
      createDispatcher({
        db,
        transport: nodemailer.createTransport({
          host: "127.0.0.1",
          port: t.catcher.port,
          secure: false,
          ignoreTLS: true,
        }),
        from: t.config.mailFrom,
        now: Date.now,
        logger: pino({ level: "silent" }),
      });
    await t.dispatcher.stop();
    for (let i = 0; i < 20; i++) {
      await enqueue(
        t.db,
        { to: `m${i}@example.fr`, subject: `n°${i}`, text: "x", html: "<p>x</p>" },
        Date.now(),
      );
    }
    const [a, b] = await Promise.all([make(t.db).runOnce(), make(second).runOnce()]);
    await second.close();
    expect(a + b).toBe(20);
    expect(t.catcher.list()).toHaveLength(20);
    const once = await t.db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM outbox WHERE attempts = 1`,
    );
    expect(once?.n).toBe(20);
  });
});
