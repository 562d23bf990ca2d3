import { readFileSync } from "node:fs";
import { normalizeNir } from "@mgen/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { identities, members } from "../db/sqlite/schema";
import { createTestApp, DEMO, type TestApp } from "../test/harness";
import { DEMO_MEMBERS } from "./demo";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe("the demo data", () => {
  it("holds SPEC.md's eleven members and five identities", async () => {
    t = await createTestApp();
    const rows = t.database.db.select().from(members).all();
    expect(rows.map((m) => m.firstName)).toEqual([
      "Marie",
      "Jean",
      "Sophie",
      "Marc",
      "Paul",
      "Claire",
      "Luc",
      "Emma",
      "Hugo",
      "Léa",
      "Antoine",
    ]);
    const ids = t.database.db.select().from(identities).all();
    expect(ids.map((i) => [i.email, i.validatedAt !== null, i.lockedAt !== null])).toEqual([
      ["jean.martin@example.fr", true, false],
      ["famille.bernard@example.fr", true, false],
      ["luc.robert@example.fr", true, false],
      ["emma.richard@example.fr", false, false],
      ["hugo.durand@example.fr", true, true],
    ]);
    expect(rows.filter((m) => m.migratedAt !== null).map((m) => m.firstName)).toEqual([
      "Marc",
      "Luc",
    ]);
    expect(rows.find((m) => m.firstName === "Paul")?.lockedAt).not.toBeNull();
    expect(rows.find((m) => m.firstName === "Claire")?.passwordHash).toBeNull();
    expect(rows.find((m) => m.firstName === "Léa")?.contactEmail).toBeNull();
  });

  it("keeps no NIR in clear in the database file, in any spelling", async () => {
    t = await createTestApp();
    t.database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = readFileSync(t.config.databasePath).toString("latin1");
    for (const member of DEMO_MEMBERS) {
      const nir = normalizeNir(member.nir);
      for (const spelling of [nir, member.nir, nir.slice(0, 13)])
        expect(bytes).not.toContain(spelling);
    }
    expect(DEMO.marie.nir).toBe(DEMO_MEMBERS[0]?.nir);
  });

  it("refuses, in the database itself, a second Espace on one identity", async () => {
    t = await createTestApp();
    const luc = t.database.db
      .select()
      .from(members)
      .all()
      .find((m) => m.firstName === "Luc");
    expect(() =>
      t.database.sqlite
        .prepare("UPDATE members SET identity_id = ?, migrated_at = 1 WHERE first_name = 'Marie'")
        .run(luc?.identityId),
    ).toThrow(/UNIQUE/);
    expect(() =>
      t.database.sqlite
        .prepare("UPDATE members SET migrated_at = 1 WHERE first_name = 'Marie'")
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      t.database.sqlite
        .prepare(
          "INSERT INTO identities (email, password_hash, created_at) VALUES ('LUC.robert@example.fr', 'x', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
