import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCode } from "../domain/staff-auth";
import { Client, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, freePort, removeDir, runPnpm } from "./process";

/**
 * The console's own port and the staff commands, on the real process (OPERATIONS.md §2):
 * with STAFF_PORT, /api/staff/* and /console answer there and nowhere on the members'
 * port (and the members' API not on the staff port); `pnpm staff:create`, run beside the
 * server, prints an enrolment link on the staff origin that enrols a new adviser, who
 * then signs in with a code; `pnpm staff:code` prints the demo's current code.
 */

let app: AppProcess;
let staffPort: number;
let staffUrl: string;

beforeAll(async () => {
  staffPort = await freePort();
  staffUrl = `http://127.0.0.1:${staffPort}`;
  app = await AppProcess.start({
    env: { STAFF_PORT: String(staffPort), STAFF_PUBLIC_URL: `http://localhost:${staffPort}` },
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  removeDir(app.dir);
});

/** The environment of a command run beside this server: its database and secrets. */
function beside(): Record<string, string> {
  const { PORT: _port, ...env } = app.env;
  return env;
}

describe("STAFF_PORT", () => {
  it("serves the staff API on its own port only, and the members' API on the members' port only", async () => {
    const members = new Client(app.url);
    const onMembersPort = await members.post("/api/staff/login", {
      email: "conseiller@mgen.example",
      password: "Demo-Staff-2026",
    });
    expect(onMembersPort.status).toBe(404);
    expect((await members.get("/console/")).status).toBe(404);
    expect(
      (await members.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(200);

    const staff = new Client(staffUrl);
    expect((await staff.get("/api/staff/session")).status).toBe(401);
    expect(
      (await staff.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(404);
    expect((await staff.get("/api/session")).status).toBe(404);
    const first = await staff.post("/api/staff/login", {
      email: "superviseur@mgen.example",
      password: "Demo-Staff-2026",
    });
    expect(first.body).toEqual({ mfa: "totp" });
    // A page of the members' site (same host: its cookies go along) cannot write to it.
    const fromMembersSite = await staff.post(
      "/api/staff/login",
      { email: "superviseur@mgen.example", password: "Demo-Staff-2026" },
      { headers: { Origin: new URL(app.url).origin.replace("127.0.0.1", "localhost") } },
    );
    expect(fromMembersSite.status).toBe(403);
    expect(fromMembersSite.body.error.code).toBe("FORBIDDEN_ORIGIN");
  });

  it("enrols an adviser created by pnpm staff:create beside the running server", async () => {
    const created = await runPnpm(
      "staff:create",
      [
        "--email",
        "Nadia.Nouvelle@mgen.example",
        "--name",
        "Nadia Nouvelle",
        "--role",
        "conseiller",
      ],
      beside(),
    );
    expect(created.code, created.stderr).toBe(0);
    const link = /(http:\/\/\S+\/console\/enrolement#token=\S+)/.exec(created.stdout)?.[1];
    expect(link).toMatch(new RegExp(`^http://localhost:${staffPort}/`));
    const token = new URL(link as string).hash.replace("#token=", "");

    const staff = new Client(staffUrl);
    const info = await staff.post("/api/staff/enrolment/inspect", { token });
    expect(info.body.email).toBe("nadia.nouvelle@mgen.example");
    const enrolled = await staff.post("/api/staff/enrolment", {
      token,
      password: "Girafe bleue sous la pluie d'automne",
      code: currentCode(info.body.secret, Date.now()),
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);

    const again = await runPnpm(
      "staff:create",
      [
        "--email",
        "nadia.nouvelle@mgen.example",
        "--name",
        "Nadia Nouvelle",
        "--role",
        "conseiller",
      ],
      beside(),
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("Ce compte existe déjà.");
  });

  it("prints the demo's current code with pnpm staff:code", async () => {
    const run = await runPnpm("staff:code", [], beside());
    expect(run.code, run.stderr).toBe(0);
    const printed = run.stdout.trim();
    const now = Date.now();
    expect([
      currentCode("JBSWY3DPEHPK3PXP", now - 30_000),
      currentCode("JBSWY3DPEHPK3PXP", now),
    ]).toContain(printed);
  });
});
