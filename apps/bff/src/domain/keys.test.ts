import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { members } from "../db/sqlite/schema";
import { createTestApp, DEMO, ESPACE_PASSWORD, type TestApp } from "../test/harness";
import { createKeys, type KeySet } from "./keys";

/**
 * ADR 014: a key id beside every keyed hash, so that the NIR pepper (and the session
 * secret) can be rotated on a live database. Rehearsed here on the demo database.
 */

const OLD = "ancien-poivre-0123456789abcdef0123456789";
const NEW = "nouveau-poivre-0123456789abcdef012345678";
const set = (current: [number, string], ...previous: Array<[number, string]>): KeySet => ({
  current: { id: current[0], secret: current[1] },
  previous: previous.map(([id, secret]) => ({ id, secret })),
});

const opened: TestApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

async function app(nirPepper: KeySet, options: { dir?: string; seed?: boolean } = {}) {
  const t = await createTestApp({ ...options, config: { nirPepper } });
  opened.push(t);
  return t;
}

const keyIds = (t: TestApp) =>
  Object.fromEntries(
    t.database.db
      .select({ name: members.firstName, keyId: members.nirKeyId })
      .from(members)
      .all()
      .map((m) => [m.name, m.keyId]),
  );

describe("keys", () => {
  it("derives one key per purpose: the same secret gives unrelated hashes", () => {
    const keys = createKeys({ nirPepper: set([1, OLD]), sessionSecret: set([1, OLD]) });
    const value = "296086912304511";
    const digests = [
      keys.nir,
      keys.sessionId,
      keys.linkToken,
      keys.deviceToken,
      keys.identifier,
    ].map((k) => k.hash(value).digest);
    expect(new Set(digests).size).toBe(digests.length);
    expect(keys.deviceCookie.verify(keys.deviceCookie.sign("jeton"))).toBe("jeton");
    expect(keys.deviceCookie.verify("jeton.AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });
});

describe("rotating the NIR pepper", () => {
  it("finds every Espace during the rotation, re-keys each on use, and drops the old pepper after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mgen-rotation-"));
    const before = await app(set([1, OLD]), { dir });
    expect(Object.values(keyIds(before)).every((id) => id === 1)).toBe(true);
    await before.close();
    opened.splice(0);

    // Step 1: the new pepper is current, the old one still accepted.
    const during = await app(set([2, NEW], [1, OLD]), { dir: before.dir, seed: false });
    const signIn = await during
      .browser()
      .post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    expect(signIn.status).toBe(200);
    // A forgotten-password request finds an Espace under the old pepper too, and re-keys it.
    await during
      .browser()
      .post("/api/legacy/forgot-password", { nir: DEMO.paul.nir, birthDate: "1975-12-24" });
    await during.waitForMail(DEMO.paul.email);
    expect(keyIds(during)).toMatchObject({ Marie: 2, Paul: 2, Antoine: 1 });
    const marie = during.database.db
      .select()
      .from(members)
      .where(eq(members.firstName, "Marie"))
      .get();
    expect(marie?.nirHash).toBe(during.ctx.keys.nir.hash("290086912304511").digest);
    await during.close();
    opened.splice(0);

    // Step 2: once every Espace is re-keyed (or re-imported), the old pepper goes. Here
    // Antoine was not: without the old pepper his NIR no longer finds his Espace.
    const after = await app(set([2, NEW]), { dir: before.dir, seed: false });
    const marieAgain = await after
      .browser()
      .post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    expect(marieAgain.status).toBe(200);
    const antoine = await after
      .browser()
      .post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    expect(antoine.status).toBe(401);
  });
});

describe("rotating the session secret", () => {
  it("keeps the sessions of the previous secret while it is accepted, and ends them after", async () => {
    const sessionSecret = (current: [number, string], ...previous: Array<[number, string]>) => ({
      config: { sessionSecret: set(current, ...previous) },
    });
    const dir = mkdtempSync(join(tmpdir(), "mgen-rotation-"));
    const first = await createTestApp({ dir, ...sessionSecret([1, OLD]) });
    const browser = first.browser();
    await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    const cookie = browser.cookie("mgen_session");
    await first.close();
    const ask = async (t: TestApp) =>
      (await t.browser().get("/api/session", { headers: { Cookie: `mgen_session=${cookie}` } }))
        .body.state;
    const during = await createTestApp({
      dir: first.dir,
      seed: false,
      ...sessionSecret([2, NEW], [1, OLD]),
    });
    opened.push(during);
    expect(await ask(during)).toBe("migration");
    await during.close();
    opened.splice(0);
    const after = await createTestApp({ dir: first.dir, seed: false, ...sessionSecret([2, NEW]) });
    opened.push(after);
    expect(await ask(after)).toBe("anonymous");
  });
});
