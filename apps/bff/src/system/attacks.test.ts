import { existsSync } from "node:fs";
import { join } from "node:path";
import { formatNir, nirKey } from "@mgen/contracts";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO, ESPACE_PASSWORD, type Reply, tokenOf, waitForMail } from "./client";
import { AppProcess, removeDir, repoRoot, runToExit, tempDir } from "./process";

/**
 * The outside review of the security round (issue 11), replayed against the real
 * process: each attack it reproduced is a test here. One process serves most of them,
 * behind a trusted proxy (TRUST_PROXY=127.0.0.1), so that each attacker and member has a
 * client address of its own (X-Forwarded-For); those that need other settings start
 * their own.
 */

const ATTACKER = "attaquant@evil.example";
const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";
const OTHER_PASSWORD = "Hibou gris danse sur le toit 4821";
const unknownNir = (n: number) => {
  const body = `19901750${String(n).padStart(5, "0")}`;
  return formatNir(`${body}${nirKey(body)}`);
};

let app: AppProcess;

beforeAll(async () => {
  app = await AppProcess.start({ env: { TRUST_PROXY: "127.0.0.1" } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  if (app) removeDir(app.dir);
});

/** A browser of its own at a client address of its own. */
function browserAt(address: string): Client {
  return new Client(app.url, { "X-Forwarded-For": address });
}

const mail = (to: string, subject: RegExp) =>
  waitForMail(app.url, to, (m) => subject.test(m.subject));

function db(): Database.Database {
  return new Database(app.dbPath, { readonly: true, fileMustExist: true });
}

/** Signs in by NIR and chooses `email` at step 1; the last request is step 2. */
async function wizardOn(client: Client, nir: string, email: string): Promise<void> {
  expect((await client.post("/api/login/nir", { nir, password: ESPACE_PASSWORD })).status).toBe(
    200,
  );
  expect((await client.post("/api/migration/email", { email })).status).toBe(200);
}

async function startMigrationTo(client: Client, nir: string, email: string): Promise<Reply> {
  await wizardOn(client, nir, email);
  return client.post("/api/migration/create", {
    email,
    password: NEW_PASSWORD,
    secretQuestionId: "pet",
    secretAnswer: "Rantanplan",
  });
}

describe("takeover through a pending migration", () => {
  it("a reset of the stolen password voids the attacker's pending migration and its link", async () => {
    // The attacker has Marie's legacy password and starts a migration to his address.
    const attacker = browserAt("198.51.100.66");
    expect((await startMigrationTo(attacker, DEMO.marie.nir, ATTACKER)).status).toBe(202);
    const validation = tokenOf(await mail(ATTACKER, /^Validez/));
    // Marie's contact address is told at once, with a way to cancel.
    const notice = await mail(DEMO.marie.email, /^Demande de changement d'identifiant/);
    expect(notice.text).toContain(ATTACKER);
    expect(notice.links.some((l) => l.includes("/annuler-changement-identifiant#token="))).toBe(
      true,
    );

    // Marie resets her password with NIR + birth date.
    const marie = browserAt("203.0.113.10");
    const forgot = await marie.post("/api/legacy/forgot-password", {
      nir: DEMO.marie.nir,
      birthDate: DEMO.marie.born,
    });
    expect(forgot.status).toBe(202);
    const reset = tokenOf(await mail(DEMO.marie.email, /nouveau mot de passe/));
    expect(
      (await marie.post("/api/legacy/reset-password", { token: reset, password: OTHER_PASSWORD }))
        .status,
    ).toBe(200);

    // Before issue 11 this completed the migration: now the link is dead.
    const confirm = await attacker.post("/api/migration/confirm", { token: validation });
    expect(confirm.status).toBe(400);
    expect(confirm.body.error.code).toBe("TOKEN_INVALID");
    expect((await attacker.get("/api/session")).body).toEqual({ state: "anonymous" });
    const byEmail = await browserAt("198.51.100.67").post("/api/login/email", {
      email: ATTACKER,
      password: NEW_PASSWORD,
    });
    expect(byEmail.status).toBe(401);
    // The stolen password no longer opens anything; Marie's new one does.
    const stolen = await attacker.post("/api/login/nir", {
      nir: DEMO.marie.nir,
      password: ESPACE_PASSWORD,
    });
    expect(stolen.status).toBe(401);
    const back = await marie.post("/api/login/nir", {
      nir: DEMO.marie.nir,
      password: OTHER_PASSWORD,
    });
    expect(back.body).toMatchObject({ state: "migration", step: "email" });
  });

  it("the notice's cancel link voids the pending migration and ends the attacker's wizard", async () => {
    const attacker = browserAt("198.51.100.68");
    const otherAddress = "voleur@evil.example";
    expect((await startMigrationTo(attacker, DEMO.antoine.nir, otherAddress)).status).toBe(202);
    const validation = tokenOf(await mail(otherAddress, /^Validez/));
    const notice = await mail(DEMO.antoine.email, /^Demande de changement d'identifiant/);
    const cancel = await browserAt("203.0.113.11").post("/api/migration/cancel", {
      token: tokenOf(notice),
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: "cancelled" });
    expect(cancel.body.message).toContain("choisissez-en un nouveau");
    // Single use.
    const again = await browserAt("203.0.113.11").post("/api/migration/cancel", {
      token: tokenOf(notice),
    });
    expect(again.body.error.code).toBe("TOKEN_INVALID");
    expect(
      (await attacker.post("/api/migration/confirm", { token: validation })).body.error.code,
    ).toBe("TOKEN_INVALID");
    expect((await attacker.get("/api/migration")).status).toBe(401);
  });
});

describe("secret answers", () => {
  it("checks 5 of 30 parallel answers on one link, and none after them, not even the right one", async () => {
    const luc = browserAt("203.0.113.20");
    await luc.post("/api/connect/forgot-password", { email: DEMO.luc.email });
    const token = tokenOf(await mail(DEMO.luc.email, /^Réinitialisez/));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        browserAt(`198.51.100.${100 + i}`).post("/api/connect/reset-password", {
          token,
          password: NEW_PASSWORD,
          secretAnswer: `Mauvaise ${i}`,
        }),
      ),
    );
    expect(answers.every((a) => a.status === 400 || a.status === 423)).toBe(true);
    expect(answers.filter((a) => a.status === 423).length).toBeGreaterThanOrEqual(25);
    const database = db();
    const checked = database
      .prepare(
        "SELECT count(*) AS n FROM answer_attempts WHERE identity_id = (SELECT id FROM identities WHERE email = ?)",
      )
      .get(DEMO.luc.email) as { n: number };
    database.close();
    expect(checked.n).toBe(5);
    // Past 5, even the right answer is not checked (the API tests show the limit holds
    // across new links, for 24 hours).
    const right = await luc.post("/api/connect/reset-password", {
      token,
      password: NEW_PASSWORD,
      secretAnswer: "Médor",
    });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe("ACCOUNT_LOCKED");
  });
});

describe("no membership oracle", () => {
  it("an unknown NIR locks after 5 failures, answering exactly like a member's", async () => {
    const attacker = browserAt("198.51.100.70");
    const tries = async (nir: string) => {
      const replies: Reply[] = [];
      for (let i = 0; i < 6; i++) {
        replies.push(await attacker.post("/api/login/nir", { nir, password: `Mauvais-${i}` }));
      }
      return replies.map((r) => [r.status, r.text]);
    };
    const member = await tries(DEMO.emma.nir);
    const stranger = await tries(unknownNir(1));
    expect(member.map(([status]) => status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(stranger).toEqual(member);
  });

  it("an unknown address locks after 5 failures, answering exactly like an identity's", async () => {
    const attacker = browserAt("198.51.100.71");
    const tries = async (email: string) => {
      const replies: Reply[] = [];
      for (let i = 0; i < 6; i++) {
        replies.push(await attacker.post("/api/login/email", { email, password: `Mauvais-${i}` }));
      }
      return replies.map((r) => [r.status, r.text]);
    };
    const identity = await tries(DEMO.jean.email);
    const stranger = await tries("personne.inconnue@example.fr");
    expect(identity.map(([status]) => status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(stranger).toEqual(identity);
  });

  it("a migrated Espace's old NIR password is not guessed without a count", async () => {
    const attacker = browserAt("198.51.100.72");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await attacker.post("/api/login/nir", { nir: DEMO.marc.nir, password: `Essai-${i}` }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // Even the right old password is no longer checked.
    const right = await attacker.post("/api/login/nir", {
      nir: DEMO.marc.nir,
      password: ESPACE_PASSWORD,
    });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe("ACCOUNT_LOCKED");
  });

  it("a NIR session tries at most 10 different addresses an hour, and only step 1 tells", async () => {
    const prober = browserAt("198.51.100.73");
    await prober.post("/api/login/nir", { nir: DEMO.sophie.nir, password: ESPACE_PASSWORD });
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) {
      answers.push(
        (await prober.post("/api/migration/email", { email: `cible-${i}@example.fr` })).status,
      );
    }
    expect(answers).toEqual(Array(10).fill(200));
    const eleventh = await prober.post("/api/migration/email", { email: DEMO.jean.email });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe("RATE_LIMITED");
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    // An address already tried is free to try again.
    expect(
      (await prober.post("/api/migration/email", { email: "cible-3@example.fr" })).status,
    ).toBe(200);
    // Step 2 does not answer for an address that was not chosen.
    const probe = await prober.post("/api/migration/create", {
      email: DEMO.jean.email,
      password: NEW_PASSWORD,
      secretQuestionId: "pet",
      secretAnswer: "Rantanplan",
    });
    expect(probe.status).toBe(400);
    expect(probe.body.error.code).toBe("VALIDATION_ERROR");
  });
});

describe("a lock cannot be turned against the member", () => {
  it("the member's own browser still signs in while failures elsewhere lock the Espace", async () => {
    const own = browserAt("203.0.113.30");
    // Hugo signed in once from his browser: it holds a device cookie.
    expect(
      (await own.post("/api/login/nir", { nir: DEMO.hugo.nir, password: ESPACE_PASSWORD })).status,
    ).toBe(200);
    const device = own.setCookies.find((c) => c.startsWith("mgen_device="));
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/Max-Age=31536000/);
    await own.post("/api/logout");

    const attacker = browserAt("198.51.100.74");
    for (let i = 0; i < 5; i++) {
      await attacker.post("/api/login/nir", { nir: DEMO.hugo.nir, password: `Mauvais-${i}` });
    }
    expect(
      (await attacker.post("/api/login/nir", { nir: DEMO.hugo.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(423);
    const elsewhere = browserAt("203.0.113.31");
    expect(
      (await elsewhere.post("/api/login/nir", { nir: DEMO.hugo.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(423);
    // Hugo's own browser signs in all the same.
    const signedIn = await own.post("/api/login/nir", {
      nir: DEMO.hugo.nir,
      password: ESPACE_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.state).toBe("migration");
    // Its own failures lock it out by themselves: 5, then it is any other browser.
    await own.post("/api/logout");
    const own5: number[] = [];
    for (let i = 0; i < 5; i++) {
      own5.push(
        (await own.post("/api/login/nir", { nir: DEMO.hugo.nir, password: `Oubli-${i}` })).status,
      );
    }
    expect(own5.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(
      (await own.post("/api/login/nir", { nir: DEMO.hugo.nir, password: ESPACE_PASSWORD })).status,
    ).toBe(423);
  });

  it("a forged device cookie is any other browser", async () => {
    const forger = browserAt("198.51.100.75");
    const forged = {
      Cookie: "mgen_device=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
    };
    const res = await forger.post(
      "/api/login/nir",
      { nir: DEMO.hugo.nir, password: ESPACE_PASSWORD },
      { headers: forged },
    );
    expect(res.status).toBe(423);
  });
});

describe("links", () => {
  it("carry their token in the fragment, and a mail scanner fetching one does not spend it", async () => {
    const lea = browserAt("203.0.113.40");
    const address = "lea.nouvelle@example.org";
    expect((await startMigrationTo(lea, DEMO.lea.nir, address)).status).toBe(202);
    const link = (await mail(address, /^Validez/)).links[0] ?? "";
    const url = new URL(link);
    expect(url.search).toBe("");
    expect(url.hash).toMatch(/^#token=[A-Za-z0-9_-]{43}$/);
    // What a scanner does: fetch the address. The fragment never reaches the server.
    // The page is the built SPA: `pnpm test` builds it before these tests.
    expect(
      existsSync(join(repoRoot, "apps/web/dist/index.html")),
      "apps/web/dist is missing: run pnpm build first",
    ).toBe(true);
    const scanned = await fetch(`${app.url}${url.pathname}${url.search}`);
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get("referrer-policy")).toBe("no-referrer");
    await scanned.arrayBuffer();
    const token = tokenOf(await mail(address, /^Validez/));
    expect(app.logs()).not.toContain(token);
    const confirm = await lea.post("/api/migration/confirm", { token });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({ state: "member", email: address });
  });
});

describe("security events", () => {
  it("reconstruct the takeover story, with pseudonymous subjects, in the table and the log", async () => {
    const database = db();
    const marie = database.prepare("SELECT id FROM members WHERE first_name = 'Marie'").get() as {
      id: number;
    };
    const rows = database
      .prepare(
        "SELECT event, channel, subject, request_id, client FROM security_events WHERE member_id = ? ORDER BY id",
      )
      .all(marie.id) as Array<{
      event: string;
      channel: string;
      subject: string;
      request_id: string;
      client: string;
    }>;
    expect(() => database.prepare("DELETE FROM security_events").run()).toThrow();
    database.close();
    const story = rows.map((r) => `${r.event}/${r.channel}`);
    expect(story).toEqual(
      expect.arrayContaining([
        "login.succeeded/nir",
        "migration.started/nir",
        "password.reset_requested/nir",
        "password.reset_completed/link",
        "migration.cancelled/link",
        "session.ended/link",
        "login.failed/nir",
      ]),
    );
    expect(story.indexOf("migration.started/nir")).toBeLessThan(
      story.indexOf("password.reset_completed/link"),
    );
    expect(rows.every((r) => r.subject === `espace:${marie.id}` && r.request_id && r.client)).toBe(
      true,
    );
    expect(rows.find((r) => r.event === "migration.started")?.client).toBe("198.51.100.66");
    // The same events as JSON log lines, each with its request id and no personal data.
    const lines = app
      .logs()
      .split("\n")
      .filter((l) => l.includes('"event"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const logged = lines.filter((l) => l.subject === `espace:${marie.id}`);
    expect(logged.map((l) => `${l.event}/${l.channel}`)).toEqual(story);
    const personal = [
      ...Object.values(DEMO).flatMap((m) => [m.nir, m.nir.replaceAll(" ", ""), m.email ?? "@"]),
      ATTACKER,
    ];
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(
        expect.arrayContaining(["event", "channel", "subject", "reqId", "client", "at"]),
      );
      for (const value of personal) expect(JSON.stringify(line)).not.toContain(value);
    }
  });
});

describe("throttling", () => {
  it("counts per identifier whatever the client address, and an IPv6 client by its /64", async () => {
    const limited = await AppProcess.start({
      env: {
        TRUST_PROXY: "127.0.0.1",
        RATE_LIMIT_PER_IDENTIFIER_PER_HOUR: "4",
        RATE_LIMIT_PER_MINUTE: "3",
      },
    });
    try {
      const from = (address: string) => new Client(limited.url, { "X-Forwarded-For": address });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const reply = await from(`198.51.100.${10 + i}`).post("/api/login/nir", {
          nir: DEMO.jean.nir,
          password: `Mauvais-${i}`,
        });
        statuses.push(reply.status);
      }
      // Five addresses, one NIR: the fifth request is refused whoever sends it.
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      // One /64 is one client: three requests from three addresses of it, the fourth refused.
      const sixtyFour = [
        "2001:db8:1:2::1",
        "2001:db8:1:2::2",
        "2001:db8:1:2:ffff::9",
        "2001:db8:1:2::a",
      ];
      const v6: number[] = [];
      for (const [i, address] of sixtyFour.entries()) {
        v6.push(
          (
            await from(address).post("/api/login/email", {
              email: `v6-${i}@example.fr`,
              password: "x",
            })
          ).status,
        );
      }
      expect(v6).toEqual([401, 401, 401, 429]);
      const neighbour = await from("2001:db8:1:3::1").post("/api/login/email", {
        email: "v6-n@example.fr",
        password: "x",
      });
      expect(neighbour.status).toBe(401);
    } finally {
      await limited.stop();
      removeDir(limited.dir);
    }
  });
});

describe("development is opt-in", () => {
  it("a server started without NODE_ENV is a production one: it needs its secrets", async () => {
    const dir = tempDir();
    try {
      const exit = await runToExit({
        DATABASE_PATH: `${dir}/app.db`,
        PORT: "0",
        HOST: "127.0.0.1",
      });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain("NIR_PEPPER : obligatoire en production");
      expect(exit.stderr).toContain("NODE_ENV : non défini");
    } finally {
      removeDir(dir);
    }
  });

  it("and with them it has no mailbox and no demo data", async () => {
    const prod = await AppProcess.start({
      env: {
        NODE_ENV: undefined,
        SMTP_URL: "smtp://127.0.0.1:9",
        MAIL_FROM: "MGEN <ne-pas-repondre@example.fr>",
        NIR_PEPPER: "p".repeat(40),
        SESSION_SECRET: "s".repeat(40),
        DEV_SMTP_PORT: undefined,
      },
    });
    try {
      expect((await fetch(`${prod.url}/api/dev/mailbox`)).status).toBe(404);
      const demo = await new Client(prod.url).post("/api/login/nir", {
        nir: DEMO.marie.nir,
        password: ESPACE_PASSWORD,
      });
      expect(demo.status).toBe(401);
    } finally {
      await prod.stop();
      removeDir(prod.dir);
    }
  });

  it("in development, the mailbox answers only clients on this machine", async () => {
    const remote = await browserAt("203.0.113.50").get("/api/dev/mailbox");
    expect(remote.status).toBe(404);
    expect((await new Client(app.url).get("/api/dev/mailbox")).status).toBe(200);
  });
});
