import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailCatcher, startMailCatcher } from "../mail/catcher";
import { createTestDatabase } from "../test/postgres";
import { Client, CONNECT_PASSWORD, DEMO, ESPACE_PASSWORD, tokenOf } from "./client";
import { AppProcess, freePort, removeDir, waitFor } from "./process";

/**
 * Several servers on one PostgreSQL (OPERATIONS.md §4), as real processes behind a
 * load balancer: the same cookies and links work on any instance, a race between
 * instances has one winner, every email leaves once, throttling and locks are shared,
 * and an instance killed with kill -9 leaves its work to the others.
 */

const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";
const PUBLIC_URL = "http://localhost:3000";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let catcher: MailCatcher;
let a: AppProcess;
let b: AppProcess;
const started: AppProcess[] = [];

function env(extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "5",
    NIR_PEPPER: "p".repeat(40),
    SESSION_SECRET: "s".repeat(40),
    PUBLIC_URL,
    SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
    TRUST_PROXY: "127.0.0.1",
    RATE_LIMIT_PER_IDENTIFIER_PER_HOUR: "6",
    OUTBOX_LEASE_MS: "1500",
    ...extra,
  };
}

async function rows<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const mailTo = (to: string, subject: RegExp) =>
  waitFor(`an email to ${to}`, () => catcher.list(to).find((m) => subject.test(m.subject)), {
    timeoutMs: 15_000,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  catcher = await startMailCatcher(0);
  // Both start at once on a fresh database: one migrates and seeds, the other waits.
  [a, b] = await Promise.all([AppProcess.start({ env: env() }), AppProcess.start({ env: env() })]);
  started.push(a, b);
}, 60_000);

afterAll(async () => {
  for (const app of started) {
    await app.stop();
    removeDir(app.dir);
  }
  await catcher?.close();
  await database?.drop();
});

describe("two BFF processes on one PostgreSQL", () => {
  it("started together on a fresh database: one migrated and seeded it, the other only found it done", async () => {
    const seeded = [a, b].filter((app) => app.logs().includes("fresh database: demo data loaded"));
    expect(seeded).toHaveLength(1);
    expect((await rows<{ n: string }>("SELECT count(*) AS n FROM members"))[0]?.n).toBe("11");
    const applied = await rows("SELECT * FROM drizzle.__drizzle_migrations");
    expect(applied.length).toBeGreaterThan(0);
  });

  it("serve one wizard: started on one, finished on the other with the same cookies", async () => {
    const onA = new Client(a.url);
    const onB = onA.at(b.url);
    expect(
      (await onA.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD })).status,
    ).toBe(200);
    expect((await onB.post("/api/migration/email", { email: DEMO.marie.email })).body).toEqual({
      next: "create",
    });
    expect((await onA.get("/api/migration")).body.step).toBe("security");
    const done = await onB.post("/api/migration/create", {
      email: DEMO.marie.email,
      password: NEW_PASSWORD,
      secretQuestionId: "pet",
      secretAnswer: "Rantanplan",
    });
    expect(done.status).toBe(200);
    expect((await onA.get("/api/me")).body).toMatchObject({
      firstName: "Marie",
      email: DEMO.marie.email,
    });
  });

  it("accept a validation link on the other instance, in the wizard's browser", async () => {
    const address = "antoine.perso@example.org";
    const onA = new Client(a.url);
    await onA.post("/api/login/nir", { nir: DEMO.antoine.nir, password: ESPACE_PASSWORD });
    await onA.post("/api/migration/email", { email: address });
    const pending = await onA.post("/api/migration/create", {
      email: address,
      password: NEW_PASSWORD,
      secretQuestionId: "book",
      secretAnswer: "Le Petit Prince",
    });
    expect(pending.status).toBe(202);
    const token = tokenOf(await mailTo(address, /^Validez/));
    const confirmed = await onA.at(b.url).post("/api/migration/confirm", { token });
    expect(confirmed.body).toMatchObject({ state: "member", email: address });
    expect((await onA.get("/api/session")).body.state).toBe("member");
  });

  it("let exactly one of three Espaces racing for one address win, confirmations split across both", async () => {
    const disputed = "famille.partagee@example.org";
    const racers = [DEMO.jean, DEMO.emma, DEMO.hugo];
    const tokens: string[] = [];
    for (const [i, racer] of racers.entries()) {
      const browser = new Client(i % 2 === 0 ? a.url : b.url);
      await browser.post("/api/login/nir", { nir: racer.nir, password: ESPACE_PASSWORD });
      await browser.post("/api/migration/email", { email: disputed });
      const res = await browser.post("/api/migration/create", {
        email: disputed,
        password: NEW_PASSWORD,
        secretQuestionId: "pet",
        secretAnswer: "Rantanplan",
      });
      expect(res.status).toBe(202);
      const mails = await waitFor("the validation email", () => {
        const list = catcher.list(disputed).filter((m) => /^Validez/.test(m.subject));
        return list.length === i + 1 && list;
      });
      tokens.push(tokenOf(mails[0] as NonNullable<(typeof mails)[number]>));
    }
    const answers = await Promise.all(
      tokens.map((token, i) =>
        new Client(i % 2 === 0 ? b.url : a.url).post("/api/migration/confirm", { token }),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    expect(answers.every((r) => r.status === 200 || r.status === 409 || r.status === 400)).toBe(
      true,
    );
    const owners = await rows(
      "SELECT members.id FROM members JOIN identities ON identities.id = members.identity_id WHERE identities.email = $1",
      [disputed],
    );
    expect(owners).toHaveLength(1);
  });

  it("share the count of failures and the throttling of an identifier", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const instance = i % 2 === 0 ? a : b;
      const reply = await new Client(instance.url, {
        "X-Forwarded-For": `198.51.100.${20 + i}`,
      }).post("/api/login/email", { email: "partage@example.fr", password: `Mauvais-${i}` });
      statuses.push(reply.status);
    }
    // 5 failures lock the address (on both), and the 7th request about it is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 429]);
  });

  it("deliver every email once, whichever instance claimed it", async () => {
    await waitFor(
      "every email delivered",
      async () =>
        (await rows<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL"))[0]
          ?.n === "0",
      { timeoutMs: 15_000 },
    );
    const sent = await rows<{ recipient: string }>("SELECT recipient FROM outbox ORDER BY id");
    expect(sent.length).toBeGreaterThan(5);
    expect(catcher.list()).toHaveLength(sent.length);
    for (const { recipient } of sent) expect(catcher.list(recipient).length).toBeGreaterThan(0);
  });
});

describe("an instance killed with kill -9", () => {
  let tarpit: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // A mail server that accepts connections and never answers: the instance using it
    // dies with the emails it claimed still in its hands.
    tarpit = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => tarpit.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => tarpit.close(r));
  });

  it("leaves its requests and claimed emails to the others, who carry on", async () => {
    const port = (tarpit.address() as { port: number }).port;
    const doomed = await AppProcess.start({
      port: await freePort(),
      env: env({
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        RATE_LIMIT_PER_IDENTIFIER_PER_HOUR: "1000",
      }),
    });
    started.push(doomed);
    const asked = [DEMO.paul, DEMO.sophie, DEMO.claire, DEMO.luc];
    const wave = asked.map((member, i) =>
      new Client(doomed.url, { "X-Forwarded-For": `203.0.113.${60 + i}` }).post(
        "/api/legacy/forgot-password",
        {
          nir: member.nir,
          birthDate: member.born,
        },
      ),
    );
    const answered = await Promise.all(wave);
    expect(answered.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    // The doomed instance has taken the work: its worker answered the requests and its
    // dispatcher holds the emails, stuck on its mail server. Then it dies.
    await waitFor(
      "the doomed instance to claim the emails",
      async () =>
        (await rows<{ n: string }>("SELECT count(*) AS n FROM reset_requests"))[0]?.n === "0" &&
        (
          await rows<{ n: string }>(
            "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND next_attempt_at > $1",
            [Date.now()],
          )
        )[0]?.n !== "0",
    );
    const onB = new Client(b.url);
    const signIns = [
      onB.post("/api/login/email", { email: DEMO.marc.email, password: CONNECT_PASSWORD }),
      onB.post("/api/login/email", { email: DEMO.luc.email, password: CONNECT_PASSWORD }),
      onB.post("/api/login/email", { email: DEMO.marie.email, password: NEW_PASSWORD }),
      onB.post("/api/login/email", { email: "antoine.perso@example.org", password: NEW_PASSWORD }),
      ...Array.from({ length: 6 }, () => new Client(b.url).get("/api/session")),
    ];
    const exit = await doomed.kill();
    expect(exit.signal).toBe("SIGKILL");
    // The other instance carried on serving…
    expect((await Promise.all(signIns)).map((r) => r.status)).toEqual(Array(10).fill(200));
    // …and, the lease over, sent what the dead one had claimed, each once.
    for (const member of [DEMO.paul, DEMO.sophie, DEMO.claire]) {
      await mailTo(member.email as string, /nouveau mot de passe/);
      expect(
        catcher.list(member.email as string).filter((m) => /nouveau mot de passe/.test(m.subject)),
      ).toHaveLength(1);
    }
    await mailTo(DEMO.luc.email, /Connectez-vous avec votre identifiant/);
  }, 60_000);
});
