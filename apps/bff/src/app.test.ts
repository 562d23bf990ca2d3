import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "./app";
import type { Hasher } from "./domain/crypto";
import { createTestApp, DEMO, ESPACE_PASSWORD, type TestApp } from "./test/harness";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe("the HTTP envelope", () => {
  it("answers an unknown API route with a JSON NOT_FOUND", async () => {
    t = await createTestApp();
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/login"],
      ["DELETE", "/api/session"],
    ] as const) {
      const res = await t.browser().request(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
    }
  });

  it("refuses a body over 16 KiB with 413 PAYLOAD_TOO_LARGE", async () => {
    t = await createTestApp();
    const res = await t.browser().post("/api/login/email", {
      email: "a@b.fr",
      password: "x".repeat(17 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("takes a body just under the limit", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .post("/api/login/email", { email: "a@b.fr", password: "x".repeat(15 * 1024) });
    expect(res.status).toBe(400); // over the schema's 1024, but read and answered
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("refuses malformed JSON with 400 VALIDATION_ERROR", async () => {
    t = await createTestApp();
    const res = await t.browser().post("/api/login/nir", undefined, {
      headers: { "Content-Type": "application/json" },
      rawBody: '{"nir": "2 90',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("says in French what is wrong with a body of the wrong shape", async () => {
    t = await createTestApp();
    const browser = t.browser();
    const notAnObject = await browser.post("/api/login/nir", ["2 90 08 69 123 045 11"]);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error.code).toBe("VALIDATION_ERROR");
    expect(notAnObject.body.error.fields).toEqual({
      _: "Le contenu de la demande doit être un objet JSON.",
    });
    // Values of the wrong type: each field says what to type, in words a member reads.
    const wrongTypes = await browser.post("/api/connect/reset-password", {
      token: 42,
      password: null,
      secretAnswer: 5,
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.fields).toEqual({
      token: "Le lien est incomplet.",
      password: "Choisissez un mot de passe.",
      secretAnswer: "Saisissez la réponse à votre question.",
    });
  });

  it("refuses a body that is not JSON", async () => {
    t = await createTestApp();
    const res = await t.browser().post("/api/login/nir", undefined, {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      rawBody: `nir=${DEMO.marie.nir}&password=${ESPACE_PASSWORD}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it.each([[null], [[]], ["texte"], [{ nir: 290086912304511, password: true }]])(
    "refuses the wrongly shaped body %j",
    async (body) => {
      t = await createTestApp();
      const res = await t.browser().post("/api/login/nir", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
    },
  );

  it("refuses unknown fields, __proto__ included", async () => {
    t = await createTestApp();
    const res = await t.browser().post("/api/login/nir", undefined, {
      headers: { "Content-Type": "application/json" },
      rawBody: `{"nir":"${DEMO.marie.nir}","password":"${ESPACE_PASSWORD}","__proto__":{"admin":true}}`,
    });
    expect(res.status).toBe(400);
    expect(Object.getOwnPropertyDescriptor(res.body.error.fields, "__proto__")?.value).toBe(
      "Ce champ n'est pas attendu.",
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("wakes the mail dispatcher after the requests that queued work, not after the others", async () => {
    t = await createTestApp();
    let kicks = 0;
    let queued = false;
    const ctx = {
      ...t.ctx,
      workQueued: () => {
        queued = true;
      },
    };
    const workQueued = () => {
      const was = queued;
      queued = false;
      return was;
    };
    const app = createApp(ctx, { mail: { kick: () => kicks++ }, workQueued });
    // The dispatcher is woken once the answer is on its way (setImmediate), not before.
    const settled = () => new Promise((r) => setImmediate(r));
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const signIn = await post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    expect(signIn.status).toBe(200);
    await settled();
    expect(kicks).toBe(0);
    const forgot = await post("/api/legacy/forgot-password", {
      nir: DEMO.marie.nir,
      birthDate: "1990-08-15",
    });
    expect(forgot.status).toBe(202);
    // Not before the answer: the request's work waits for it.
    expect(kicks).toBe(0);
    await settled();
    expect(kicks).toBe(1);
    const wrong = await post("/api/login/email", { email: DEMO.paul.email, password: "x" });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    await settled();
    expect(kicks).toBe(1);
  });

  it("answers INTERNAL without a stack or a detail when something breaks", async () => {
    t = await createTestApp();
    const broken: Hasher = {
      hash: () => Promise.reject(new Error("SQLITE_IOERR at /secret/path.db")),
      verify: () => Promise.reject(new Error("SQLITE_IOERR at /secret/path.db")),
      verifyNothing: () => Promise.reject(new Error("SQLITE_IOERR at /secret/path.db")),
      needsRehash: () => false,
      load: () => ({ hashing: 0, waiting: 0 }),
    };
    const app = createApp(
      { ...t.ctx, hasher: broken },
      { mail: t.dispatcher, workQueued: () => false },
    );
    const res = await app.request("/api/login/nir", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ nir: DEMO.marie.nir, password: ESPACE_PASSWORD }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "INTERNAL",
        message: "Une erreur inattendue s'est produite. Réessayez dans quelques instants.",
      },
    });
    expect(text).not.toMatch(/SQLITE|secret|at /);
  });
});

describe("cross-origin writes", () => {
  it("are refused by Origin", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .post(
        "/api/login/nir",
        { nir: DEMO.marie.nir, password: ESPACE_PASSWORD },
        { headers: { Origin: "https://evil.example" } },
      );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN_ORIGIN");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("are refused by Sec-Fetch-Site", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .post("/api/logout", undefined, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(res.status).toBe(403);
  });

  it("while the app's own origin is let through", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .post(
        "/api/login/nir",
        { nir: DEMO.marie.nir, password: ESPACE_PASSWORD },
        { headers: { Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin" } },
      );
    expect(res.status).toBe(200);
  });

  it("and reads from anywhere stay possible", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .get("/api/health", { headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(200);
  });
});

/** The names of an answer's headers, sorted. */
function headerNames(headers: Headers): string[] {
  return [...headers.keys()].sort();
}

/** A JSON API's headers (OWASP REST Security Cheat Sheet) and the request id (ADR 024). */
const API_HEADERS = [
  "cache-control",
  "content-security-policy",
  "content-type",
  "referrer-policy",
  "x-content-type-options",
  "x-frame-options",
  "x-request-id",
];

/** A document's: the API's and the browsers' isolation headers, a full CSP. */
const DOCUMENT_HEADERS = [
  "cache-control",
  "content-security-policy",
  "content-type",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "referrer-policy",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-request-id",
  "x-xss-protection",
];

describe("security headers", () => {
  it("API answers, errors alike, carry exactly a JSON API's set", async () => {
    t = await createTestApp();
    const browser = t.browser();
    await browser.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD });
    // /api/migration and /api/dev/mailbox: routes that once set no-store themselves.
    for (const path of [
      "/api/health",
      "/api/session",
      "/api/migration",
      "/api/dev/mailbox",
      "/api/nope",
      "/api/staff/me",
    ]) {
      const res = await browser.get(path);
      expect(headerNames(res.headers), path).toEqual(API_HEADERS);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A refused request too (an answer built by the error handler).
    const refused = await browser.post("/api/login/nir", { nir: "12", password: "x" });
    expect(refused.status).toBe(400);
    expect(headerNames(refused.headers)).toEqual(API_HEADERS);
  });

  it("documents carry the full set: a strict CSP, no framing, the isolation headers", async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "mgen-web-"));
    writeFileSync(join(webRoot, "index.html"), '<!doctype html><html lang="fr"></html>');
    t = await createTestApp({ config: { webRoot } });
    const page = await t.browser().get("/connexion");
    expect(headerNames(page.headers)).toEqual(DOCUMENT_HEADERS);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });

  it("never name the server or open CORS", async () => {
    t = await createTestApp();
    const res = await t
      .browser()
      .get("/api/health", { headers: { Origin: "https://evil.example" } });
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("server")).toBeNull();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("include HSTS in production only, on API answers and documents", async () => {
    t = await createTestApp();
    expect(
      (await t.browser().get("/api/health")).headers.get("strict-transport-security"),
    ).toBeNull();
    await t.close();
    const webRoot = mkdtempSync(join(tmpdir(), "mgen-web-"));
    writeFileSync(join(webRoot, "index.html"), '<!doctype html><html lang="fr"></html>');
    t = await createTestApp({ config: { mode: "production", devRoutes: false, webRoot } });
    for (const path of ["/api/health", "/connexion"]) {
      expect((await t.browser().get(path)).headers.get("strict-transport-security"), path).toMatch(
        /max-age=\d+/,
      );
    }
  });
});

describe("the SPA", () => {
  it("is served with index.html for every page, and immutable hashed assets", async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "mgen-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(
      join(webRoot, "index.html"),
      '<!doctype html><html lang="fr"><script type="module" src="/assets/app-1.js"></script></html>',
    );
    writeFileSync(join(webRoot, "assets", "app-1.js"), "console.log(1)");
    t = await createTestApp({ config: { webRoot } });
    for (const path of ["/", "/connexion", "/migration", "/validation-email#token=abc"]) {
      const page = await t.browser().get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('lang="fr"');
      expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
    const asset = await t.browser().get("/assets/app-1.js");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await t.browser().get("/api/unknown")).body.error.code).toBe("NOT_FOUND");
  });
});
