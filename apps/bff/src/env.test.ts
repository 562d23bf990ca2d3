import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "./config";
import { ConfigError, loadConfig } from "./env";

const tmp = () => mkdtempSync(join(tmpdir(), "mgen-env-"));
const SECRET = "s".repeat(40);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("starts development, when asked for, with OWASP argon2id, generated secrets kept in .data/", () => {
    const dir = tmp();
    const dev = { NODE_ENV: "development", DATABASE_PATH: join(dir, "app.db") };
    const config = loadConfig(dev);
    expect(config.mode).toBe("development");
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.argon2).toEqual(OWASP_ARGON2);
    expect(config.argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(config.devRoutes).toBe(true);
    expect(config.secureCookies).toBe(false);
    expect(config.nirPepper.current.secret.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, "secrets.json");
    expect(existsSync(file)).toBe(true);
    // Kept: the NIR hashes of the database stay reachable after a restart.
    expect(loadConfig(dev).nirPepper).toEqual(config.nirPepper);
    expect(JSON.parse(readFileSync(file, "utf8")).nirPepper).toBe(config.nirPepper.current.secret);
  });

  it("derives the public URL from PORT", () => {
    expect(
      loadConfig({ NODE_ENV: "development", DATABASE_PATH: join(tmp(), "a.db"), PORT: "4100" })
        .publicUrl,
    ).toBe("http://localhost:4100");
  });

  it("stops production with one line per missing value", () => {
    const lines = problems({ NODE_ENV: "production", DATABASE_PATH: join(tmp(), "a.db") });
    expect(lines.map((l) => l.split(" : ")[0])).toEqual([
      "SMTP_URL",
      "MAIL_FROM",
      "NIR_PEPPER",
      "SESSION_SECRET",
      "PUBLIC_URL",
    ]);
  });

  it("starts production when everything is given, without dev routes, with secure cookies", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      DATABASE_PATH: join(tmp(), "a.db"),
      SMTP_URL: "smtp://mail.example:587",
      MAIL_FROM: "MGEN <no-reply@example.fr>",
      NIR_PEPPER: SECRET,
      SESSION_SECRET: SECRET,
      PUBLIC_URL: "https://connect.example.fr",
    });
    expect(config.devRoutes).toBe(false);
    expect(config.secureCookies).toBe(true);
    expect(config.argon2).toEqual(OWASP_ARGON2);
  });

  it("starts in production when NODE_ENV is unset, and says so when something is missing", () => {
    const lines = problems({ DATABASE_PATH: join(tmp(), "a.db") });
    expect(lines.map((l) => l.split(" : ")[0])).toEqual([
      "SMTP_URL",
      "MAIL_FROM",
      "NIR_PEPPER",
      "SESSION_SECRET",
      "PUBLIC_URL",
      "NODE_ENV",
    ]);
    expect(lines.at(-1)).toMatch(/pnpm start/);
    const config = loadConfig({
      DATABASE_PATH: join(tmp(), "a.db"),
      SMTP_URL: "smtp://mail.example:587",
      MAIL_FROM: "MGEN <no-reply@example.fr>",
      NIR_PEPPER: SECRET,
      SESSION_SECRET: SECRET,
      PUBLIC_URL: "https://connect.example.fr",
    });
    expect(config.mode).toBe("production");
    expect(config.devRoutes).toBe(false);
  });

  it("reads the previous secrets of a rotation, each with its key id", () => {
    const config = loadConfig({
      NODE_ENV: "development",
      DATABASE_PATH: join(tmp(), "a.db"),
      NIR_PEPPER: "n".repeat(40),
      NIR_PEPPER_ID: "2",
      NIR_PEPPER_PREVIOUS: `1:${"o".repeat(40)}`,
      SESSION_SECRET: SECRET,
    });
    expect(config.nirPepper).toEqual({
      current: { id: 2, secret: "n".repeat(40) },
      previous: [{ id: 1, secret: "o".repeat(40) }],
    });
    expect(config.sessionSecret).toEqual({ current: { id: 1, secret: SECRET }, previous: [] });
    expect(problems({ NIR_PEPPER_PREVIOUS: "court" })[0]).toMatch(/^NIR_PEPPER_PREVIOUS : /);
    expect(
      problems({
        NODE_ENV: "development",
        DATABASE_PATH: join(tmp(), "a.db"),
        NIR_PEPPER_PREVIOUS: `1:${SECRET}`,
      })[0],
    ).toMatch(/^NIR_PEPPER_PREVIOUS : l'identifiant 1 est celui du secret actuel/);
  });

  it("refuses wrong values with a clear line", () => {
    expect(problems({ PORT: "http" })[0]).toMatch(/^PORT : .*nombre/);
    expect(problems({ NIR_PEPPER: "short" })[0]).toMatch(/^NIR_PEPPER : .*32/);
    expect(problems({ RATE_LIMIT_PER_MINUTE: "0" })[0]).toMatch(/^RATE_LIMIT_PER_MINUTE : /);
  });

  it("lowers the argon2 cost only for tests", () => {
    expect(problems({ NODE_ENV: "development", ARGON2_TEST_MEMORY_KIB: "64" })[0]).toMatch(
      /^ARGON2_TEST_MEMORY_KIB : permis/,
    );
    const config = loadConfig({
      NODE_ENV: "test",
      ARGON2_TEST_MEMORY_KIB: "64",
      DATABASE_PATH: join(tmp(), "a.db"),
    });
    expect(config.argon2.memoryCost).toBe(64);
  });

  it("shortens the wait between two validation emails only for tests", () => {
    expect(
      problems({ NODE_ENV: "production", VALIDATION_RESEND_TEST_MS: "1000" }).some((p) =>
        p.startsWith("VALIDATION_RESEND_TEST_MS : permis"),
      ),
    ).toBe(true);
    const dir = tmp();
    const dev = loadConfig({ NODE_ENV: "development", DATABASE_PATH: join(dir, "a.db") });
    expect(dev.validationResendMs).toBe(60_000);
    const test = loadConfig({
      NODE_ENV: "test",
      VALIDATION_RESEND_TEST_MS: "1000",
      DATABASE_PATH: join(dir, "b.db"),
    });
    expect(test.validationResendMs).toBe(1000);
  });
});
