import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Client, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, freePort, removeDir, repoRoot, runToExit, tempDir } from "./process";

/**
 * The production start (NODE_ENV=production): nothing has an insecure default. Without
 * its secrets and mail settings the process refuses to start, one clear line per
 * missing value; with them it serves with HSTS, `__Host-` Secure cookies and no
 * development mailbox, and it neither seeds demo data nor generates secrets.
 */

const REQUIRED = ["SMTP_URL", "MAIL_FROM", "NIR_PEPPER", "SESSION_SECRET", "PUBLIC_URL"];
const repoSecrets = join(repoRoot, ".data/secrets.json");

function repoSecretsStamp(): string {
  return existsSync(repoSecrets) ? String(statSync(repoSecrets).mtimeMs) : "absent";
}

const dirs: string[] = [];
let app: AppProcess | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe("NODE_ENV=production", () => {
  it("refuses to start without SMTP_URL, MAIL_FROM, NIR_PEPPER, SESSION_SECRET, PUBLIC_URL: one line each, no stack", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const stamp = repoSecretsStamp();
    const result = await runToExit({
      NODE_ENV: "production",
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATABASE_PATH: join(dir, "app.db"),
      LOG_LEVEL: "info",
    });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.trim() !== "");
    for (const name of REQUIRED) {
      const mentioning = lines.filter((l) => l.includes(name));
      expect(mentioning, `lines about ${name}`).toHaveLength(1);
      const [line = ""] = mentioning;
      expect(line).toMatch(new RegExp(`^\\s*-\\s*${name} :\\s*\\S`));
      // One value per line: the line names no other missing value.
      for (const other of REQUIRED.filter((n) => n !== name)) {
        expect(line).not.toContain(other);
      }
    }
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).not.toMatch(/^\s+at\s/m);
    expect(output).not.toMatch(/\b\w*Error\b|\.ts:\d+|node:internal|file:\/\//);
    // It stopped before touching anything.
    expect(readdirSync(dir)).toEqual([]);
    expect(repoSecretsStamp()).toBe(stamp);
  });

  it("starts with them: HSTS, __Host- Secure cookie, no mailbox, no demo data, no generated secrets", async () => {
    const stamp = repoSecretsStamp();
    const closedSmtp = await freePort();
    app = await AppProcess.start({
      env: {
        NODE_ENV: "production",
        SMTP_URL: `smtp://127.0.0.1:${closedSmtp}`,
        MAIL_FROM: "MGEN Connect <ne-pas-repondre@connect.example.test>",
        NIR_PEPPER: randomBytes(32).toString("base64url"),
        SESSION_SECRET: randomBytes(32).toString("base64url"),
        PUBLIC_URL: "https://connect.example.test",
      },
    });
    dirs.push(app.dir);
    const client = new Client(app.url);
    const replies = [];

    const health = await client.get("/api/health");
    replies.push(health);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });

    const mailbox = await client.get("/api/dev/mailbox");
    replies.push(mailbox);
    expect(mailbox.status).toBe(404);
    expect(mailbox.body.error.code).toBe("NOT_FOUND");
    replies.push(await client.request("DELETE", "/api/dev/mailbox"));
    expect(replies.at(-1)?.status).toBe(404);

    // Production does not seed: the demo accounts do not exist.
    const luc = await client.post("/api/login/email", {
      email: DEMO.luc.email,
      password: "Demo-Connect-2026",
    });
    replies.push(luc);
    expect(luc.status).toBe(401);
    expect(luc.body.error.code).toBe("INVALID_CREDENTIALS");
    const marie = await client.post("/api/login/nir", {
      nir: DEMO.marie.nir,
      password: ESPACE_PASSWORD,
    });
    replies.push(marie);
    expect(marie.status).toBe(401);
    expect(marie.body.error.code).toBe("INVALID_CREDENTIALS");
    const session = await client.get("/api/session");
    replies.push(session);
    expect(session.body).toEqual({ state: "anonymous" });

    // Logging out clears the session cookie: its name and attributes as production sets them.
    const logout = await client.post("/api/logout");
    replies.push(logout);
    expect(logout.status).toBe(204);
    const cleared = logout.headers.getSetCookie();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(/^__Host-mgen_session=;/);
    expect(cleared[0]).toMatch(/;\s*Secure(;|$)/i);
    expect(cleared[0]).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cleared[0]).not.toMatch(/;\s*Domain=/i);

    for (const reply of replies) {
      expect(reply.headers.get("strict-transport-security")).toBe(
        "max-age=63072000; includeSubDomains",
      );
    }
    // Not one cookie without Secure was ever sent.
    expect(client.setCookies.length).toBeGreaterThan(0);
    expect(client.setCookies.filter((line) => !/;\s*Secure(;|$)/i.test(line))).toEqual([]);
    expect(client.setCookies.filter((line) => !line.startsWith("__Host-"))).toEqual([]);

    expect(app.logs()).not.toContain("demo data loaded");
    expect(await app.stop()).toEqual({ code: 0, signal: null });
    // No generated secrets, next to the database or in the repository's .data.
    expect(existsSync(join(app.dir, "secrets.json"))).toBe(false);
    expect(repoSecretsStamp()).toBe(stamp);
    const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM members").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM identities").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
