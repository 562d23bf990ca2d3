import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { formatNir, nirKey, normalizeNir, normalizeSecretAnswer } from "@mgen/contracts";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  CONNECT_PASSWORD,
  DEMO,
  DEMO_SECRET_ANSWER,
  ESPACE_PASSWORD,
  type Reply,
  tokenOf,
  waitForMail,
} from "./client";
import { AppProcess, removeDir } from "./process";

/**
 * SPEC invariants 4 and 5 on the real process: after the journeys, no NIR, password,
 * secret answer, emailed token or session id is in the log, in the database file (and
 * its -wal / -shm), or in any other file the app wrote; nor in any API answer.
 */

const NEW_PASSWORDS = {
  marie: "Hibou gris danse sur le toit 4821",
  antoine: "Violon rouillé chante minuit 7305",
  luc: "Cactus timide traverse Oslo 9462",
  paul: "Tortue pressée lit Balzac 3187",
};
const WRONG_PASSWORDS = [
  "Sophie-Wrong-Password-1",
  "Unknown-Nir-Password-1",
  "Luc-Wrong-Password-1",
  "Claire-Try-Password-1",
];
const ANSWERS = {
  marie: "  Zéphyrin   Tournesol ",
  antoine: "Gaston Lagaffe 1957",
  lucWrong: "Rex Tintin",
};
const UNKNOWN_NIR = formatNir(`1990175000001${nirKey("1990175000001")}`);
const WRONG_KEY_NIR = "2 90 08 69 123 045 12";
const ANTOINE_NEW_ADDRESS = "antoine.perso@example.org";

let app: AppProcess;
const secrets = new Map<string, string>();
const clients: Client[] = [];
/** Every answer of the API except the development mailbox (which shows the emails). */
const apiAnswers: Array<{ what: string; reply: Reply }> = [];

function secret(what: string, value: string): void {
  if (value.length >= 4) secrets.set(value, what);
}

function browser(): Client {
  const client = new Client(app.url);
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  method: "GET" | "POST",
  path: string,
  json?: unknown,
): Promise<Reply> {
  const reply = method === "GET" ? await client.get(path) : await client.post(path, json ?? {});
  apiAnswers.push({ what: `${method} ${path}`, reply });
  return reply;
}

beforeAll(async () => {
  app = await AppProcess.start();
}, 40_000);

afterAll(async () => {
  await app?.stop();
  if (app) removeDir(app.dir);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which secrets appear in `bytes`, read as UTF-8 and as Latin-1. */
function secretsIn(bytes: Buffer): string[] {
  const views = [bytes.toString("utf8"), bytes.toString("latin1")];
  return [...secrets]
    .filter(([value]) => views.some((v) => v.includes(value)))
    .map(([value, what]) => `${what} (${JSON.stringify(value)})`);
}

describe("no secret in clear, on the real process", () => {
  it("keeps NIRs, passwords, answers, tokens and session ids out of the log, the database files and the answers", async () => {
    for (const [name, member] of Object.entries(DEMO)) {
      secret(`${name}'s NIR (spaced)`, member.nir);
      secret(`${name}'s NIR (normalised)`, normalizeNir(member.nir));
      secret(`${name}'s NIR body`, normalizeNir(member.nir).slice(0, 13));
    }
    for (const nir of [UNKNOWN_NIR, WRONG_KEY_NIR]) {
      secret("a typed NIR", nir);
      secret("a typed NIR (normalised)", normalizeNir(nir));
    }
    secret("Espace demo password", ESPACE_PASSWORD);
    secret("Connect demo password", CONNECT_PASSWORD);
    for (const p of WRONG_PASSWORDS) secret("a wrong password", p);
    for (const [who, p] of Object.entries(NEW_PASSWORDS)) secret(`${who}'s new password`, p);
    for (const [who, a] of Object.entries({ ...ANSWERS, luc: DEMO_SECRET_ANSWER })) {
      secret(`${who}'s secret answer`, a.trim());
      secret(`${who}'s secret answer (normalised)`, normalizeSecretAnswer(a));
    }

    // Failed sign-ins of every kind.
    const failures: Array<[string, unknown, number]> = [
      ["/api/login/nir", { nir: DEMO.sophie.nir, password: WRONG_PASSWORDS[0] }, 401],
      ["/api/login/nir", { nir: UNKNOWN_NIR, password: WRONG_PASSWORDS[1] }, 401],
      ["/api/login/email", { email: DEMO.luc.email, password: WRONG_PASSWORDS[2] }, 401],
      ["/api/login/nir", { nir: DEMO.claire.nir, password: WRONG_PASSWORDS[3] }, 409],
      ["/api/login/nir", { nir: DEMO.marc.nir, password: ESPACE_PASSWORD }, 409],
      ["/api/login/nir", { nir: DEMO.paul.nir, password: ESPACE_PASSWORD }, 423],
      ["/api/login/nir", { nir: WRONG_KEY_NIR, password: ESPACE_PASSWORD }, 400],
      ["/api/legacy/unlock", { nir: DEMO.lea.nir, birthDate: DEMO.lea.born }, 202],
    ];
    for (const [path, body, status] of failures) {
      expect((await call(browser(), "POST", path, body)).status, path).toBe(status);
    }

    // Marie: NIR typed without spaces, her contact email, migrated at once.
    const marie = browser();
    const marieNir = normalizeNir(DEMO.marie.nir);
    expect(
      (await call(marie, "POST", "/api/login/nir", { nir: marieNir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(200);
    expect(
      (await call(marie, "POST", "/api/migration/email", { email: DEMO.marie.email })).body,
    ).toEqual({ next: "create" });
    const marieDone = await call(marie, "POST", "/api/migration/create", {
      email: DEMO.marie.email,
      password: NEW_PASSWORDS.marie,
      secretQuestionId: "pet",
      secretAnswer: ANSWERS.marie,
    });
    expect(marieDone.status).toBe(200);
    expect(marieDone.body).toMatchObject({ state: "member", email: DEMO.marie.email });
    expect((await call(marie, "GET", "/api/me")).status).toBe(200);

    // Antoine: NIR with spaces (and a lower-case "2a"), another address, validation link.
    const antoine = browser();
    const antoineNir = DEMO.antoine.nir.replace("2A", "2a");
    expect(
      (
        await call(antoine, "POST", "/api/login/nir", {
          nir: antoineNir,
          password: ESPACE_PASSWORD,
        })
      ).status,
    ).toBe(200);
    await call(antoine, "POST", "/api/migration/email", { email: ANTOINE_NEW_ADDRESS });
    const pending = await call(antoine, "POST", "/api/migration/create", {
      email: ANTOINE_NEW_ADDRESS,
      password: NEW_PASSWORDS.antoine,
      secretQuestionId: "book",
      secretAnswer: ANSWERS.antoine,
    });
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ step: "pending", pendingEmail: ANTOINE_NEW_ADDRESS });
    const validation = await waitForMail(app.url, ANTOINE_NEW_ADDRESS, (m) =>
      m.subject.startsWith("Validez"),
    );
    const validationToken = tokenOf(validation);
    secret("the validation link's token", validationToken);
    const confirmed = await call(antoine, "POST", "/api/migration/confirm", {
      token: validationToken,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: "member", email: ANTOINE_NEW_ADDRESS });

    // Jean: links his existing MGEN Connect identity.
    const jean = browser();
    expect(
      (
        await call(jean, "POST", "/api/login/nir", {
          nir: DEMO.jean.nir,
          password: ESPACE_PASSWORD,
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(jean, "POST", "/api/migration/email", { email: DEMO.jean.email })).body,
    ).toEqual({ next: "link" });
    const linked = await call(jean, "POST", "/api/migration/link", {
      email: DEMO.jean.email,
      password: CONNECT_PASSWORD,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ state: "member", email: DEMO.jean.email });
    await call(jean, "POST", "/api/logout");

    // Luc: MGEN Connect reset with his secret answer (one wrong answer first).
    const luc = browser();
    expect(
      (await call(luc, "POST", "/api/connect/forgot-password", { email: DEMO.luc.email })).status,
    ).toBe(202);
    const lucMail = await waitForMail(app.url, DEMO.luc.email, (m) =>
      m.subject.startsWith("Réinitialisez"),
    );
    const lucToken = tokenOf(lucMail);
    secret("Luc's reset token", lucToken);
    const inspected = await call(luc, "POST", "/api/connect/reset-password/inspect", {
      token: lucToken,
    });
    expect(inspected.status).toBe(200);
    expect(inspected.body.secretQuestion).toEqual(expect.any(String));
    const wrong = await call(luc, "POST", "/api/connect/reset-password", {
      token: lucToken,
      password: NEW_PASSWORDS.luc,
      secretAnswer: ANSWERS.lucWrong,
    });
    expect(wrong.body?.error?.code).toBe("WRONG_SECRET_ANSWER");
    const reset = await call(luc, "POST", "/api/connect/reset-password", {
      token: lucToken,
      password: NEW_PASSWORDS.luc,
      secretAnswer: DEMO_SECRET_ANSWER,
    });
    expect(reset.status).toBe(200);
    expect(
      (
        await call(luc, "POST", "/api/login/email", {
          email: DEMO.luc.email,
          password: NEW_PASSWORDS.luc,
        })
      ).status,
    ).toBe(200);

    // Paul: forgotten password before migration (NIR + birth date), then a NIR sign-in.
    const paul = browser();
    expect(
      (
        await call(paul, "POST", "/api/legacy/forgot-password", {
          nir: DEMO.paul.nir,
          birthDate: DEMO.paul.born,
        })
      ).status,
    ).toBe(202);
    const paulMail = await waitForMail(app.url, DEMO.paul.email, (m) =>
      m.links.some((l) => l.includes("/reinitialisation#token=")),
    );
    const paulToken = tokenOf(paulMail);
    secret("Paul's reset token", paulToken);
    expect(
      (
        await call(paul, "POST", "/api/legacy/reset-password", {
          token: paulToken,
          password: NEW_PASSWORDS.paul,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(paul, "POST", "/api/login/nir", {
          nir: DEMO.paul.nir,
          password: NEW_PASSWORDS.paul,
        })
      ).status,
    ).toBe(200);

    // Session ids: every cookie value the server ever set.
    const sessionIds = clients.flatMap((c) =>
      c.setCookies.map((line) => line.split(";")[0]?.split("=")[1] ?? "").filter(Boolean),
    );
    expect(sessionIds.length).toBeGreaterThanOrEqual(8);
    for (const id of sessionIds) secret("a session id", id);

    // Every email is delivered (its outbox body erased) before the files are read.
    const delivered = [
      [DEMO.marie.email, "activé"],
      [ANTOINE_NEW_ADDRESS, "activé"],
      [DEMO.antoine.email, "identifiant de connexion a changé"],
      [DEMO.jean.email, "activé"],
      [DEMO.luc.email, "a été modifié"],
      [DEMO.paul.email, "a été modifié"],
    ] as const;
    for (const [to, subject] of delivered) {
      await waitForMail(app.url, to, (m) => m.subject.includes(subject));
    }

    // While the app still runs, delivered links must already be gone from the files, the
    // WAL included (SPEC invariant 4): a kill -9 or a file copy now must find none.
    const inFiles = () =>
      filesUnder(app.dir).flatMap((file) =>
        secretsIn(readFileSync(file)).map((s) => `${relative(app.dir, file)}: ${s}`),
      );
    const deadline = Date.now() + 5_000;
    let whileRunning = inFiles();
    while (whileRunning.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      whileRunning = inFiles();
    }
    expect(whileRunning).toEqual([]);

    const exit = await app.stop();
    expect(exit).toEqual({ code: 0, signal: null });

    const found: string[] = [];
    // (a) the log, stdout and stderr.
    expect(app.logs()).toContain('"msg":"request"');
    for (const s of secretsIn(Buffer.from(app.logs(), "utf8"))) found.push(`log: ${s}`);
    // (b) and (c): the database, its -wal and -shm, and every other file the app wrote.
    const files = filesUnder(app.dir);
    expect(files.map((f) => relative(app.dir, f))).toContain("app.db");
    for (const file of files) {
      for (const s of secretsIn(readFileSync(file))) found.push(`${relative(app.dir, file)}: ${s}`);
    }
    // (d) the API's answers (the development mailbox aside, which shows the emails).
    for (const { what, reply } of apiAnswers) {
      for (const s of secretsIn(Buffer.from(reply.text, "utf8")))
        found.push(`answer to ${what}: ${s}`);
    }
    console.log(
      `secrets-in-clear: ${secrets.size} secrets (${sessionIds.length} session ids, 3 tokens) searched in the log (${app.logs().length} chars), ${files.map((f) => `${relative(app.dir, f)} (${statSync(f).size} B)`).join(", ")} and ${apiAnswers.length} answers`,
    );
    expect(found).toEqual([]);

    // What the file keeps instead: hashes, and delivered emails without their body.
    const db = new Database(app.dbPath, { readonly: true });
    try {
      const outbox = db.prepare("SELECT sent_at, text_body, html_body FROM outbox").all() as Array<{
        sent_at: number | null;
        text_body: string | null;
        html_body: string | null;
      }>;
      expect(outbox.length).toBeGreaterThanOrEqual(9);
      expect(
        outbox.filter((r) => r.sent_at === null || r.text_body !== null || r.html_body !== null),
      ).toEqual([]);
      const hashes = db
        .prepare(
          "SELECT password_hash AS h FROM identities UNION ALL SELECT password_hash FROM members WHERE password_hash IS NOT NULL",
        )
        .all() as Array<{ h: string }>;
      expect(hashes.every((r) => r.h.startsWith("$argon2id$"))).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);
});
