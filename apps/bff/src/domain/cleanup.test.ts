import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ENGINES } from "../test/engines";
import { CONNECT_PASSWORD, createTestApp, DEMO, type TestApp, testClock } from "../test/harness";
import { cleanUp } from "./cleanup";
import { countHit } from "./throttling";

const HOUR = 3_600_000;

describe.each(ENGINES)("cleanUp on %s", (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const count = async (table: string) =>
    (await t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))?.n;

  it("deletes expired sessions, dead links, old throttle windows and old delivered mail, and only those", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now, engine });
    await t
      .browser()
      .post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    await t.browser().post("/api/connect/forgot-password", { email: DEMO.luc.email });
    await t.waitForMail(DEMO.luc.email);
    await countHit({ db: t.db, now: clock.now }, "secret", "203.0.113.7", 100);

    expect(await cleanUp(t.ctx, clock.now())).toMatchObject({ sessions: 0, links: 0, outbox: 0 });
    clock.advance(2 * HOUR + 1);
    expect(await cleanUp(t.ctx, clock.now())).toMatchObject({ sessions: 1, links: 1 });
    expect(await count("sessions")).toBe(0);
    expect(await count("link_tokens")).toBe(0);
    expect(await count("throttle_hits")).toBe(0);
    // The outbox row was delivered now (real time), so it stays for 30 days.
    expect(await count("outbox")).toBe(1);
    expect((await cleanUp(t.ctx, Date.now() + 31 * 24 * HOUR)).outbox).toBe(1);
  });
});
