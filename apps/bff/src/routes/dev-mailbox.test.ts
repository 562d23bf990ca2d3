import { afterEach, describe, expect, it } from "vitest";
import {
  createTestApp,
  DEMO,
  ESPACE_PASSWORD,
  STRONG_PASSWORD,
  type TestApp,
} from "../test/harness";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function migrateMarie() {
  const browser = t.browser();
  await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
  await browser.post("/api/migration/email", { email: DEMO.marie.email });
  await browser.post("/api/migration/create", {
    email: DEMO.marie.email,
    password: STRONG_PASSWORD,
    secretQuestionId: "pet",
    secretAnswer: "Rex",
  });
  return t.waitForMail(DEMO.marie.email);
}

describe("/api/dev/mailbox", () => {
  it("lists what the catcher received over SMTP, filtered by recipient", async () => {
    t = await createTestApp();
    await migrateMarie();
    const all = await t.browser().get("/api/dev/mailbox");
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(1);
    expect(all.body[0]).toMatchObject({
      to: DEMO.marie.email,
      subject: "Votre identifiant MGEN Connect est activé",
      links: ["http://localhost:3000/connexion"],
    });
    expect(all.body[0].html).toContain('lang="fr"');
    expect(
      (await t.browser().get("/api/dev/mailbox?to=MARIE.DUPONT@example.fr")).body,
    ).toHaveLength(1);
    expect((await t.browser().get("/api/dev/mailbox?to=personne@example.fr")).body).toEqual([]);
  });

  it("serves a message's HTML sandboxed, and 404 for an unknown one", async () => {
    t = await createTestApp();
    const mail = await migrateMarie();
    const html = await t.browser().get(`/api/dev/mailbox/${mail.id}/html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain("Bonjour Marie");
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    expect(html.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect((await t.browser().get("/api/dev/mailbox/unknown/html")).status).toBe(404);
  });

  it("empties on DELETE", async () => {
    t = await createTestApp();
    await migrateMarie();
    expect((await t.browser().request("DELETE", "/api/dev/mailbox")).status).toBe(204);
    expect((await t.browser().get("/api/dev/mailbox")).body).toEqual([]);
  });

  it("does not exist in production", async () => {
    t = await createTestApp({ config: { mode: "production", devRoutes: false } });
    const res = await t.browser().get("/api/dev/mailbox");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});
