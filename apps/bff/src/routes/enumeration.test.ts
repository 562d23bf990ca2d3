import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "../config";
import { createTestApp, DEMO, type TestApp } from "../test/harness";

/**
 * No enumeration by timing: an unknown NIR or address costs the same argon2 work as a
 * wrong password (a decoy verification), and a forgotten-password request costs the same
 * whatever its data. Medians of interleaved samples, at the real OWASP cost.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { argon2: { ...OWASP_ARGON2 } } });
}, 60_000);
afterAll(async () => {
  await t.close();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(
  request: () => Promise<{ status: number }>,
  expected: number,
): Promise<number> {
  const started = performance.now();
  const res = await request();
  const elapsed = performance.now() - started;
  expect(res.status).toBe(expected);
  return elapsed;
}

/** Wrong passwords must not lock the demo accounts (nor the unknown identifiers) while we measure. */
function unlockAll() {
  t.database.db.run(sql`DELETE FROM identifier_failures`);
  t.database.db.run(
    sql`UPDATE members SET failed_attempts = 0, locked_at = NULL WHERE first_name = 'Marie'`,
  );
  t.database.db.run(
    sql`UPDATE identities SET failed_attempts = 0, locked_at = NULL WHERE email = 'luc.robert@example.fr'`,
  );
}

async function compare(a: () => Promise<number>, b: () => Promise<number>, samples = 21) {
  const [first, second]: [number[], number[]] = [[], []];
  for (let i = 0; i < samples; i++) {
    unlockAll();
    first.push(await a());
    second.push(await b());
  }
  return { a: median(first), b: median(second) };
}

describe("timing does not tell who is a member", () => {
  it("NIR sign-in: an unknown NIR takes as long as a wrong password", async () => {
    const { a: unknown, b: wrong } = await compare(
      () =>
        timed(
          () =>
            t
              .browser()
              .post("/api/login/nir", { nir: "1 99 01 75 001 001 43", password: "Mauvais-2026" }),
          401,
        ),
      () =>
        timed(
          () =>
            t.browser().post("/api/login/nir", { nir: DEMO.marie.nir, password: "Mauvais-2026" }),
          401,
        ),
    );
    console.log(
      `NIR sign-in median: unknown ${unknown.toFixed(1)} ms, wrong password ${wrong.toFixed(1)} ms`,
    );
    // Without the decoy, an unknown NIR answers in well under a millisecond (ratio < 0.1);
    // the bounds leave room for a loaded machine.
    expect(unknown).toBeGreaterThan(wrong * 0.5);
    expect(unknown).toBeLessThan(wrong * 2);
  }, 60_000);

  it("email sign-in: an unknown address takes as long as a wrong password", async () => {
    const { a: unknown, b: wrong } = await compare(
      () =>
        timed(
          () =>
            t
              .browser()
              .post("/api/login/email", { email: "personne@example.fr", password: "Mauvais-2026" }),
          401,
        ),
      () =>
        timed(
          () =>
            t
              .browser()
              .post("/api/login/email", { email: DEMO.luc.email, password: "Mauvais-2026" }),
          401,
        ),
    );
    console.log(
      `email sign-in median: unknown ${unknown.toFixed(1)} ms, wrong password ${wrong.toFixed(1)} ms`,
    );
    expect(unknown).toBeGreaterThan(wrong * 0.5);
    expect(unknown).toBeLessThan(wrong * 2);
  }, 60_000);
});
