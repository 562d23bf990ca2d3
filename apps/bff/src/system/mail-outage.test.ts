import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type MailCatcher, startMailCatcher } from "../mail/catcher";
import { Client, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, freePort, removeDir, waitFor } from "./process";

/**
 * SPEC invariant 7 on the real process: the mail server is down when a migration needs
 * its confirmation. The migration still succeeds, the email waits in the outbox and is
 * retried; once the server is up it is delivered exactly once and its body erased.
 */

type OutboxRow = {
  id: number;
  attempts: number;
  sent_at: number | null;
  text_body: string | null;
  html_body: string | null;
  last_error: string | null;
  subject: string;
};

let app: AppProcess | undefined;
let catcher: MailCatcher | undefined;
let db: Database.Database | undefined;
afterEach(async () => {
  db?.close();
  await app?.stop();
  await catcher?.close();
  if (app) removeDir(app.dir);
  app = catcher = db = undefined;
});

describe("SMTP down when an email is requested", () => {
  it("keeps the email in the outbox, retries, and delivers it once when SMTP is back", async () => {
    const smtpPort = await freePort();
    app = await AppProcess.start({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
    const started = performance.now();
    // With SMTP_URL, there is no embedded catcher, hence no development mailbox.
    const mailbox = await new Client(app.url).get("/api/dev/mailbox");
    expect(mailbox.status).toBe(404);
    expect(mailbox.body.error.code).toBe("NOT_FOUND");

    const marie = new Client(app.url);
    expect(
      (await marie.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(200);
    await marie.post("/api/migration/email", { email: DEMO.marie.email });
    const done = await marie.post("/api/migration/create", {
      email: DEMO.marie.email,
      password: "Girafe bleue sous la pluie d'automne",
      secretQuestionId: "pet",
      secretAnswer: "Rantanplan",
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: "member", email: DEMO.marie.email });

    db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
    const rows = () =>
      db
        ?.prepare(
          "SELECT id, attempts, sent_at, text_body, html_body, last_error, subject FROM outbox ORDER BY id",
        )
        .all() as OutboxRow[];

    // The first attempt fails: the row stays, with its body, for the next attempt.
    const failed = await waitFor("a failed delivery attempt", () => {
      const [row] = rows();
      return row && row.attempts >= 1 ? row : undefined;
    });
    expect(rows()).toHaveLength(1);
    expect(failed.sent_at).toBeNull();
    expect(failed.text_body).toContain("Bonjour Marie");
    expect(failed.html_body).not.toBeNull();
    expect(failed.last_error).toEqual(expect.any(String));
    const failedAfterMs = Math.round(performance.now() - started);

    // SMTP comes back on the configured port.
    catcher = await startMailCatcher(smtpPort);
    const received = await waitFor(
      "the email at the mail server",
      () => catcher?.list(DEMO.marie.email)[0],
      {
        timeoutMs: 15_000,
      },
    );
    expect(received.subject).toBe(failed.subject);
    const deliveredAfterMs = Math.round(performance.now() - started);
    const delivered = await waitFor("the outbox row marked sent", () => {
      const [row] = rows();
      return row?.sent_at != null ? row : undefined;
    });
    expect(delivered.text_body).toBeNull();
    expect(delivered.html_body).toBeNull();
    expect(delivered.last_error).toBeNull();
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);

    // Two more poll cycles of the dispatcher (it polls every second): nothing is sent again
    // and the row does not change.
    const watchUntil = Date.now() + 2_200;
    while (Date.now() < watchUntil) {
      expect(catcher.list()).toHaveLength(1);
      expect(rows()).toEqual([delivered]);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(catcher.list()).toHaveLength(1);

    const log = app.logs();
    expect(log.match(/email not delivered, will retry/g)?.length).toBe(delivered.attempts - 1);
    expect(log.match(/"msg":"email delivered"/g)).toHaveLength(1);
    console.log(
      `mail-outage: first failure seen after ${failedAfterMs} ms, delivered after ${deliveredAfterMs} ms, ${delivered.attempts} attempts, 1 copy`,
    );
  }, 30_000);
});
