import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, removeDir } from "./process";

/**
 * Two BFF processes on one SQLite file (the same directory, so the same generated
 * secrets): what one counts or opens, the other sees. Throttling, locks and sessions
 * live in the database, not in a process.
 */

let a: AppProcess;
let b: AppProcess;

beforeAll(async () => {
  a = await AppProcess.start({ env: { RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "127.0.0.1" } });
  b = await AppProcess.start({
    dir: a.dir,
    env: { RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "127.0.0.1" },
  });
}, 60_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  if (a) removeDir(a.dir);
});

const at = (app: AppProcess, address: string) =>
  new Client(app.url, { "X-Forwarded-For": address });

describe("two processes on one database", () => {
  it("share the throttling of a client address", async () => {
    const statuses: number[] = [];
    for (const [i, app] of [a, b, a, b].entries()) {
      const reply = await at(app, "203.0.113.77").post("/api/login/email", {
        email: `personne-${i}@example.fr`,
        password: "x",
      });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("share the count of failures: 5 split between them lock the Espace on both", async () => {
    for (const [i, app] of [a, b, a, b, a].entries()) {
      await at(app, `198.51.100.${i + 1}`).post("/api/login/nir", {
        nir: DEMO.jean.nir,
        password: `Mauvais-${i}`,
      });
    }
    for (const app of [a, b]) {
      const right = await at(app, "198.51.100.9").post("/api/login/nir", {
        nir: DEMO.jean.nir,
        password: ESPACE_PASSWORD,
      });
      expect(right.status).toBe(423);
    }
  });

  it("share sessions: a session opened on one is served by the other", async () => {
    const browser = at(a, "203.0.113.78");
    expect(
      (await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(200);
    const onB = new Client(b.url, {
      "X-Forwarded-For": "203.0.113.78",
      Cookie: browser.cookieHeader() ?? "",
    });
    expect((await onB.get("/api/session")).body).toMatchObject({
      state: "migration",
      firstName: "Marie",
    });
  });
});
