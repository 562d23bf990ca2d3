import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nirKey } from "@mgen/contracts";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testClock } from "../test/harness";
import { ImportFileError, importFile, type Rejection } from "./load";
import { layoutOf } from "./split";

/**
 * What an operator's file can look like: separators, BOM or none, line endings, quoted
 * fields holding line breaks, broken quotes, headers that are not the export's. Line
 * numbers are the file's own (the header is line 1), whatever a record spans.
 */

const HEADER = "nir;birth_date;first_name;last_name;contact_email;password_hash;failed_attempts";
const HASH = "{SSHA}WfoaYzIwWuXl3hXkLgPhRHc6S9Q4Cy6uW9LKFg==";
/** A NIR of these 13 characters, with its right key (or a wrong one). */
const nir = (first13: string, wrongKey = false) => {
  const key = Number(nirKey(first13));
  return `${first13}${String(wrongKey ? (key % 97) + 1 : key).padStart(2, "0")}`;
};
const JEAN = nir("1850175123456");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mgen-import-files-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function load(name: string, text: string, threads = 1) {
  t = await createTestApp({ seed: false });
  const path = join(dir, name);
  writeFileSync(path, text);
  const rejected: Rejection[] = [];
  const counts = await importFile(
    name.startsWith("identities") ? "identities" : "espaces",
    { db: t.db, nirPepper: t.config.nirPepper, now: testClock().now, threads },
    path,
    { onRejected: (r) => rejected.push(r) },
  );
  return { counts, rejected: rejected.map((r) => `${r.line} ${r.reason}`) };
}

describe("import file layout", () => {
  it("reads `,` or `;`, with or without a BOM, CRLF or LF, columns in any order", async () => {
    const comma =
      "password_hash,email,locked,validated\n" +
      `${HASH},Jean.Dupont@Example.fr,false,true\n` +
      `"${HASH}","marie@example.fr","false","false"\n`;
    const { counts } = await load("identities-comma.csv", comma);
    expect(counts).toMatchObject({ rows: 2, inserted: 2, rejected: 0 });

    const spaced = `${JEAN.slice(0, 1)} ${JEAN.slice(1, 3)} ${JEAN.slice(3, 5)} ${JEAN.slice(5, 7)} ${JEAN.slice(7, 10)} ${JEAN.slice(10, 13)} ${JEAN.slice(13)}`;
    const semicolon = `\uFEFF${HEADER}\r\n${spaced};15/01/1985;Jean;Dupont;;${HASH};\r\n`;
    expect((await load("espaces-semicolon.csv", semicolon)).counts).toMatchObject({
      inserted: 1,
      rejected: 0,
    });
  });

  it("numbers rows by the file's lines when a quoted field holds line breaks", async () => {
    const text =
      `${HEADER}\n` +
      `${JEAN};1985-01-15;"Jean\nPierre";Dupont;;${HASH};\n` + // lines 2–3
      `${nir("1850175123457", true)};1985-01-15;Jean;Dupont;;${HASH};\n` + // line 4: wrong key
      "\n" + // line 5: empty
      `${nir("1850175123458")};1985-01-15;Jean;Dupont;;${HASH};;extra\n` + // line 6
      `${nir("2850175123456")};1985-01-15;"Marie;Dupont;;${HASH};\n` + // line 7: quote never closed
      `${nir("1850175123459")};1985-01-15;Jean;Dupont;;${HASH};\n`; // line 8, inside the broken quote
    const { counts, rejected } = await load("espaces-lines.csv", text);
    expect(rejected).toEqual([
      "4 clé du NIR incorrecte",
      "6 nombre de colonnes incorrect (8 au lieu de 7)",
      "7 ligne illisible (guillemets mal placés)",
    ]);
    // The name's line break became a space: one line of text per name.
    expect(counts).toMatchObject({ inserted: 1, rejected: 3 });
    expect(await t.db.all(sql`SELECT first_name FROM members`)).toEqual([
      { firstName: "Jean Pierre" },
    ]);
  });

  it.each([
    ["an unknown column", `${HEADER};commentaire\n`, "colonnes inconnues : commentaire"],
    [
      "a missing column",
      "nir;birth_date;first_name;last_name;contact_email;password_hash\n",
      "colonnes manquantes : failed_attempts",
    ],
    ["a repeated column", `${HEADER};nir\n`, "colonnes en double : nir"],
    ["an empty file", "", "fichier vide : la ligne d'en-tête manque"],
    ["a header of one word", "bonjour\n", "ligne d'en-tête illisible"],
  ])("stops at once on %s, before any row", async (_, text, message) => {
    await expect(load("espaces-bad.csv", text)).rejects.toThrow(new ImportFileError(message));
  });

  it("accepts a header alone: nothing to load", async () => {
    expect((await load("espaces-empty.csv", `${HEADER}\r\n`)).counts).toMatchObject({
      rows: 0,
      inserted: 0,
    });
  });
});

describe("layoutOf", () => {
  it("cuts at record boundaries only, never inside a quoted field, and knows each part's first line", () => {
    const rows: string[] = [];
    for (let i = 0; i < 200; i++) rows.push(i % 7 === 0 ? `a;"deux\nlignes";${i}` : `a;b;${i}`);
    const path = join(dir, "layout.csv");
    writeFileSync(path, `\uFEFFx;y;z\r\n${rows.join("\n")}\n`);
    const text = readFileSync(path, "utf8");
    for (const wanted of [1, 2, 3, 7]) {
      const layout = layoutOf(path, wanted);
      expect(layout.header).toBe("x;y;z");
      expect(layout.newline).toBe("\r\n");
      expect(layout.parts.length).toBe(wanted);
      expect(layout.parts[0]?.firstLine).toBe(2);
      for (const [i, part] of layout.parts.entries()) {
        if (i > 0) expect(part.start).toBe(layout.parts[i - 1]?.end);
        const bytes = Buffer.from(text).subarray(0, part.start).toString();
        // An even number of quotes before the cut, right after a line break.
        expect((bytes.match(/"/g) ?? []).length % 2).toBe(0);
        expect(bytes.endsWith("\n")).toBe(true);
        expect(part.firstLine).toBe(bytes.split("\n").length);
      }
      expect(layout.parts.at(-1)?.end).toBe(layout.size);
    }
  });

  it("gives the same rows and rejections on several threads as on one", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const first = i % 5 === 0 ? '"Jean\nPaul"' : "Jean";
      // Every 11th key wrong, every 13th NIR repeated from the row before.
      const number = i % 13 === 0 && i > 0 ? i - 1 : i;
      rows.push(
        `${nir(`1850175123${String(number).padStart(3, "0")}`, i % 11 === 0)};1985-01-15;${first};Dupont;;${HASH};`,
      );
    }
    const text = `${HEADER}\n${rows.join("\n")}\n`;
    const one = await load("espaces-threads.csv", text, 1);
    await t.close();
    const two = await load("espaces-threads.csv", text, 2);
    expect(two.rejected).toEqual(one.rejected);
    const { readingMs: _r1, writingMs: _w1, threads: t1, ...counts1 } = one.counts;
    const { readingMs: _r2, writingMs: _w2, threads: t2, ...counts2 } = two.counts;
    expect([t1, t2]).toEqual([1, 2]);
    expect(counts2).toEqual(counts1);
    expect(one.rejected.some((r) => r.endsWith("clé du NIR incorrecte"))).toBe(true);
    expect(one.rejected.some((r) => r.endsWith("NIR déjà présent plus haut dans le fichier"))).toBe(
      true,
    );
    expect(one.counts.inserted).toBeGreaterThan(300);
  });
});
