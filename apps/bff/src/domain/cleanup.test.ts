import { afterEach, describe, expect, it } from "vitest";
import { linkTokens, outbox, sessions, throttleHits } from "../db/schema";
import { CONNECT_PASSWORD, createTestApp, DEMO, type TestApp, testClock } from "../test/harness";
import { cleanUp } from "./cleanup";
import { countHit } from "./throttling";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const HOUR = 3_600_000;

describe("cleanUp", () => {
  it("deletes expired sessions, dead links, old throttle windows and old delivered mail, and only those", async () => {
    const clock = testClock();
    t = await createTestApp({ now: clock.now });
    const db = t.database.db;
    await t
      .browser()
      .post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD });
    await t.browser().post("/api/connect/forgot-password", { email: DEMO.luc.email });
    await t.waitForMail(DEMO.luc.email);
    countHit({ db, now: clock.now }, "secret", "203.0.113.7", 100);

    expect(cleanUp(db, clock.now())).toMatchObject({
      sessions: 0,
      links: 0,
      throttle: 0,
      outbox: 0,
    });
    clock.advance(2 * HOUR + 1);
    expect(cleanUp(db, clock.now())).toMatchObject({ sessions: 1, links: 1 });
    expect(db.select().from(sessions).all()).toEqual([]);
    expect(db.select().from(linkTokens).all()).toEqual([]);
    expect(db.select().from(throttleHits).all()).toEqual([]);
    // The outbox row was delivered now (real time), so it stays for 30 days.
    expect(db.select().from(outbox).all()).toHaveLength(1);
    expect(cleanUp(db, Date.now() + 31 * 24 * HOUR).outbox).toBe(1);
  });
});
