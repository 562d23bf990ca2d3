import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, CONNECT_PASSWORD, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, removeDir } from "./process";

/**
 * The floor of failed checks on the real process (PASSWORD_CHECK_FLOOR_MS, ADR 020): a
 * wrong password, and the decoy check of an identifier of no account, are answered no
 * sooner than the floor; a right password at once. What the unit test of the hasher
 * proves, here through the configuration and the routes.
 */

const FLOOR_MS = 400;
let app: AppProcess;

beforeAll(async () => {
  app = await AppProcess.start({ env: { PASSWORD_CHECK_FLOOR_MS: String(FLOOR_MS) } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  removeDir(app.dir);
});

async function timed(path: string, body: unknown): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await new Client(app.url).post(path, body);
  return { ms: performance.now() - started, status: res.status };
}

describe("PASSWORD_CHECK_FLOOR_MS on the real process", () => {
  it("answers every failure no sooner than the floor, and a right password sooner", async () => {
    const failures = [
      await timed("/api/login/nir", { nir: DEMO.marie.nir, password: "Pas-Le-Bon-2026" }),
      await timed("/api/login/nir", { nir: "1 99 01 75 001 001 43", password: "Pas-Le-Bon-2026" }),
      await timed("/api/login/email", { email: DEMO.luc.email, password: "Pas-Le-Bon-2026" }),
      await timed("/api/login/email", {
        email: "personne@example.fr",
        password: "Pas-Le-Bon-2026",
      }),
    ];
    for (const f of failures) {
      expect(f.status).toBe(401);
      expect(f.ms).toBeGreaterThanOrEqual(FLOOR_MS - 1);
    }
    const right = await timed("/api/login/email", {
      email: DEMO.luc.email,
      password: CONNECT_PASSWORD,
    });
    expect(right.status).toBe(200);
    expect(right.ms).toBeLessThan(FLOOR_MS);
    const nir = await timed("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    expect(nir.status).toBe(200);
    expect(nir.ms).toBeLessThan(FLOOR_MS);
  });
});
