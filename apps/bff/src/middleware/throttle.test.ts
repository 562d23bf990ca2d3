import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testClock } from "../test/harness";

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

async function app(options: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp({
    ...options,
    config: { rateLimitPerMinute: 3, rateLimitEmailsPerHour: 2, ...options.config },
  });
  opened.push(t);
  return t;
}

// A new unknown address each time: every attempt is a 401 until the limit, never a lock.
let attempt = 0;
const signIn = (t: TestApp, client: string, headers: Record<string, string> = {}) =>
  t
    .browser(client)
    .post(
      "/api/login/email",
      { email: `personne-${++attempt}@example.fr`, password: "wrong" },
      { headers },
    );

describe("throttling per client address", () => {
  it("answers 429 RATE_LIMITED with Retry-After past the limit on a route that checks a secret", async () => {
    const clock = testClock(Date.UTC(2026, 10, 26, 9, 0, 15));
    const t = await app({ now: clock.now });
    for (let i = 0; i < 3; i++) expect((await signIn(t, "203.0.113.7")).status).toBe(401);
    const refused = await signIn(t, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.headers.get("retry-after")).toBe("45");
    // Another client is not concerned; the next minute starts afresh.
    expect((await signIn(t, "198.51.100.4")).status).toBe(401);
    clock.advance(45_000);
    expect((await signIn(t, "203.0.113.7")).status).toBe(401);
  });

  it("counts emails per hour on the routes that send one", async () => {
    const t = await app();
    const forgot = () =>
      t
        .browser("203.0.113.7")
        .post("/api/connect/forgot-password", { email: "personne@example.fr" });
    expect((await forgot()).status).toBe(202);
    expect((await forgot()).status).toBe(202);
    const refused = await forgot();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    // Reading is never throttled.
    for (let i = 0; i < 10; i++)
      expect((await t.browser("203.0.113.7").get("/api/session")).status).toBe(200);
  });

  it("counts malformed requests too", async () => {
    const t = await app();
    for (let i = 0; i < 3; i++) {
      expect((await t.browser("203.0.113.7").post("/api/login/nir", { nir: "x" })).status).toBe(
        400,
      );
    }
    expect((await signIn(t, "203.0.113.7")).status).toBe(429);
  });

  it("survives a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mgen-throttle-"));
    const first = await app({ dir });
    for (let i = 0; i < 3; i++) await signIn(first, "203.0.113.7");
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const restarted = await app({ dir, seed: false });
    expect((await signIn(restarted, "203.0.113.7")).status).toBe(429);
  });

  it("holds across two app instances on one database (two real processes: system/two-processes.test.ts)", async () => {
    const a = await app();
    const b = await app({ dir: a.dir, seed: false });
    await signIn(a, "203.0.113.7");
    await signIn(b, "203.0.113.7");
    await signIn(a, "203.0.113.7");
    expect((await signIn(b, "203.0.113.7")).status).toBe(429);
  });

  it("ignores X-Forwarded-For unless the socket is a trusted proxy", async () => {
    const t = await app();
    // A client cannot dodge the limit by inventing hops.
    for (let i = 0; i < 3; i++)
      await signIn(t, "203.0.113.7", { "X-Forwarded-For": `10.0.0.${i}` });
    expect((await signIn(t, "203.0.113.7", { "X-Forwarded-For": "10.0.0.9" })).status).toBe(429);
  });

  it("believes the proxies named in TRUST_PROXY, taking the right-most untrusted hop", async () => {
    const t = await app({ config: { trustProxy: ["192.0.2.1"] } });
    const viaProxy = (client: string) =>
      signIn(t, "192.0.2.1", { "X-Forwarded-For": `6.6.6.6, ${client}` });
    for (let i = 0; i < 3; i++) expect((await viaProxy("203.0.113.7")).status).toBe(401);
    expect((await viaProxy("203.0.113.7")).status).toBe(429);
    // Behind the same proxy, another client has its own count.
    expect((await viaProxy("198.51.100.4")).status).toBe(401);
  });
});
