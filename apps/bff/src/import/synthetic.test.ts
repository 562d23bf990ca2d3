import { execFile } from "node:child_process";
import { createHash, pbkdf2Sync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkNir, isValidBirthDate, isValidEmail, normalizeEmail } from "@mgen/contracts";
import { verify as argon2Verify } from "@node-rs/argon2";
import { verify as bcryptVerify } from "@node-rs/bcrypt";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildHashPools,
  createExport,
  DEFAULT_SEED,
  defaultBadRows,
  ESPACE_BAD_KINDS,
  ESPACE_COLUMNS,
  ESPACE_PASSWORD,
  espaceRow,
  type HashFormat,
  type HashPool,
  type HashPools,
  IDENTITY_BAD_KINDS,
  IDENTITY_COLUMNS,
  IDENTITY_PASSWORD,
  type Manifest,
  manifestJson,
  NIR_CAPACITY,
  POOL_SIZE,
  planExport,
} from "./synthetic";

const MEMBERS = 2_000;
const here = dirname(fileURLToPath(import.meta.url));
const bff = join(here, "..", "..");
const run = promisify(execFile);

/** The demo NIRs of SPEC.md ("Demo data"): a synthetic export must never hold one. */
const DEMO_NIRS = [
  "290086912304511",
  "184057505608281",
  "285033155500123",
  "183023155500257",
  "175121305512366",
  "266099935001218",
  "178024410908754",
  "292076748202169",
  "188045935001287",
  "271123523801259",
  "185022A00402509",
];

/** The formats of OPERATIONS.md §1, told apart here independently of the generator. */
function formatOf(hash: string): HashFormat | "none" | null {
  if (hash === "") return "none";
  if (/^\$2a\$10\$[./A-Za-z0-9]{53}$/.test(hash)) return "bcrypt_2a";
  if (/^\$2b\$10\$[./A-Za-z0-9]{53}$/.test(hash)) return "bcrypt_2b";
  if (/^\$2y\$10\$[./A-Za-z0-9]{53}$/.test(hash)) return "bcrypt_2y";
  if (/^pbkdf2_sha256\$260000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/.test(hash)) {
    return "pbkdf2_sha256";
  }
  if (/^\{SSHA\}[A-Za-z0-9+/]+=*$/.test(hash)) return "ssha";
  if (/^\{SSHA256\}[A-Za-z0-9+/]+=*$/.test(hash)) return "ssha256";
  const argon =
    /^\$(argon2id|argon2i)\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(
      hash,
    );
  if (argon?.[1] === "argon2i") return "argon2i";
  if (argon) return argon[2] === "19456" && argon[3] === "2" ? "argon2id" : "argon2id_low_cost";
  return null;
}

/** Checks a password against a pool hash with the libraries and node:crypto. */
async function verifies(hash: string, password: string): Promise<boolean> {
  const format = formatOf(hash);
  switch (format) {
    case "bcrypt_2a":
    case "bcrypt_2b":
    case "bcrypt_2y":
      return bcryptVerify(password, hash);
    case "argon2id":
    case "argon2id_low_cost":
    case "argon2i":
      return argon2Verify(hash, password);
    case "pbkdf2_sha256": {
      const [, iterations, salt, digest] = hash.split("$");
      const derived = pbkdf2Sync(password, salt as string, Number(iterations), 32, "sha256");
      return derived.toString("base64") === digest;
    }
    case "ssha":
    case "ssha256": {
      const raw = Buffer.from(hash.slice(hash.indexOf("}") + 1), "base64");
      const size = format === "ssha" ? 20 : 32;
      expect(raw.length).toBe(size + 8); // 8-byte salt
      const digest = createHash(format === "ssha" ? "sha1" : "sha256")
        .update(password)
        .update(raw.subarray(size))
        .digest();
      return digest.equals(raw.subarray(0, size));
    }
    default:
      throw new Error(`not a pool hash: ${hash}`);
  }
}

/** `YYYY-MM-DD` or `JJ/MM/AAAA` → `YYYY-MM-DD` when it is a real date, else null. */
function birthDate(text: string): string | null {
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : text;
  return isValidBirthDate(iso) ? iso : null;
}

type Generated = { espaces: string; identities: string; manifest: Manifest };

function generate(pools: HashPools, seed = DEFAULT_SEED, members = MEMBERS): Generated {
  const exported = createExport(planExport(members, { seed }), pools);
  const espaces = [...exported.espaces()].join("");
  const identities = [...exported.identities()].join("");
  return { espaces, identities, manifest: exported.manifest() };
}

function rowsOf(text: string, delimiter: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  // No field holds a line break: a row's line number is its record number + 1.
  const parsed = Papa.parse<string[]>(text.slice(1), {
    delimiter,
    newline: "\r\n",
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Line number (header = 1) → bad kind, from the manifest. */
function badByLine(badLines: Record<string, number[]>): Map<number, string> {
  const byLine = new Map<number, string>();
  for (const [kind, lines] of Object.entries(badLines)) {
    for (const line of lines) byLine.set(line, kind);
  }
  return byLine;
}

let pools: HashPools;
let out: Generated;

beforeAll(async () => {
  pools = await buildHashPools(DEFAULT_SEED);
  out = generate(pools);
}, 60_000);

describe("the hash pools", () => {
  const cases = (pool: () => HashPool, password: string) => async () => {
    const entries = Object.entries(pool()) as Array<[HashFormat, string[]]>;
    expect(entries.length).toBeGreaterThan(0);
    const checks = entries.flatMap(([format, hashes]) => {
      expect(hashes).toHaveLength(POOL_SIZE);
      expect(new Set(hashes).size).toBe(POOL_SIZE); // different salts
      return hashes.map(async (hash) => {
        expect(formatOf(hash), hash).toBe(format);
        expect(await verifies(hash, password), hash).toBe(true);
      });
    });
    await Promise.all(checks);
    // And a wrong password is refused.
    const [first] = Object.values(pool()) as string[][];
    expect(await verifies(first?.[0] as string, `${password}!`)).toBe(false);
  };

  it(
    `hold, for the Espaces, real hashes of "${ESPACE_PASSWORD}" in every format`,
    cases(() => pools.espaces, ESPACE_PASSWORD),
    60_000,
  );

  it(
    `hold, for the identities, real hashes of "${IDENTITY_PASSWORD}"`,
    cases(() => pools.identities, IDENTITY_PASSWORD),
    60_000,
  );

  it("include $2a$, $2b$ and $2y$ bcrypt hashes that @node-rs/bcrypt verifies", async () => {
    for (const format of ["bcrypt_2a", "bcrypt_2b", "bcrypt_2y"] as const) {
      for (const hash of pools.espaces[format] ?? []) {
        expect(hash.slice(0, 7)).toBe(`$${format.slice(-2)}$10$`);
        expect(await bcryptVerify(ESPACE_PASSWORD, hash)).toBe(true);
      }
    }
  }, 60_000);
});

describe("espaces.csv", () => {
  it("has the header, exactly N valid rows and the bad rows on top", () => {
    const [header, ...rows] = rowsOf(out.espaces, ";");
    expect(header).toEqual([...ESPACE_COLUMNS]);
    const bad = defaultBadRows(MEMBERS).espaces;
    expect(rows).toHaveLength(MEMBERS + bad * ESPACE_BAD_KINDS.length);
    expect(out.manifest.espaces.rows).toBe(rows.length);
    expect(out.manifest.espaces.valid).toBe(MEMBERS);
    for (const row of rows) expect(row).toHaveLength(ESPACE_COLUMNS.length);
    for (const kind of ESPACE_BAD_KINDS) {
      expect(out.manifest.espaces.bad[kind], kind).toBe(bad);
      expect(out.manifest.espaces.badLines[kind], kind).toHaveLength(bad);
    }
    expect(out.manifest.espaces.rejected).toBe(bad * ESPACE_BAD_KINDS.length);
  });

  it("has valid rows only where the manifest says: valid unique NIRs and addresses, real dates, known hashes", () => {
    const [, ...rows] = rowsOf(out.espaces, ";");
    const bad = badByLine(out.manifest.espaces.badLines);
    const nirs = new Set<string>();
    const emails = new Set<string>();
    const formats: Record<string, number> = {};
    let withoutEmail = 0;
    let locked = 0;
    let corsican = 0;
    let spaced = 0;
    let french = 0;
    let quoted = 0;
    const poolHashes = new Set(Object.values(pools.espaces).flat());
    rows.forEach((row, r) => {
      if (bad.has(r + 2)) return;
      const [nir, birth, first, last, email, hash, failed] = row as string[];
      const checked = checkNir(nir as string);
      expect(checked, `line ${r + 2}: ${nir}`).toMatchObject({ ok: true });
      if (!checked.ok) return;
      expect(nirs.has(checked.nir), `NIR repeated at line ${r + 2}`).toBe(false);
      nirs.add(checked.nir);
      if (/2[AB]/.test(checked.nir.slice(5, 7))) corsican++;
      if ((nir as string).includes(" ")) spaced++;
      const iso = birthDate(birth as string);
      expect(iso, `line ${r + 2}: ${birth}`).not.toBeNull();
      expect(Number(iso?.slice(0, 4))).toBeGreaterThanOrEqual(1930);
      expect(Number(iso?.slice(0, 4))).toBeLessThanOrEqual(2006);
      if ((birth as string).includes("/")) french++;
      // The NIR repeats the year and month of birth.
      expect(checked.nir.slice(1, 5)).toBe(`${iso?.slice(2, 4)}${iso?.slice(5, 7)}`);
      expect(first).not.toBe("");
      expect(last).not.toBe("");
      if (/[;"]/.test(`${first}${last}`)) quoted++;
      if (email === "") withoutEmail++;
      else {
        expect(isValidEmail(email as string), `line ${r + 2}: ${email}`).toBe(true);
        const normal = normalizeEmail(email as string);
        expect(emails.has(normal), `address repeated at line ${r + 2}`).toBe(false);
        emails.add(normal);
      }
      const format = formatOf(hash as string);
      expect(format, `line ${r + 2}: ${hash}`).not.toBeNull();
      if (hash !== "") expect(poolHashes.has(hash as string)).toBe(true);
      formats[format as string] = (formats[format as string] ?? 0) + 1;
      expect(failed).toMatch(/^\d*$/);
      if (failed !== "" && Number(failed) >= 5) locked++;
    });
    expect(nirs.size).toBe(MEMBERS);
    for (const demo of DEMO_NIRS) expect(nirs.has(demo), demo).toBe(false);
    const m = out.manifest.espaces;
    expect(formats).toEqual(m.hashFormats);
    expect(withoutEmail).toBe(m.withoutContactEmail);
    expect(locked).toBe(m.locked);
    expect(corsican).toBe(m.corsicanNir);
    expect(spaced).toBe(m.spacedNir);
    expect(french).toBe(m.frenchBirthDate);
    expect(quoted).toBe(m.namesNeedingQuotes);
    // The variety the importer must meet is there, in plausible shares.
    expect(corsican).toBeGreaterThan(0);
    expect(m.lowerCaseNir).toBeGreaterThan(0);
    expect(spaced / MEMBERS).toBeGreaterThan(0.05);
    expect(french / MEMBERS).toBeGreaterThan(0.2);
    expect(quoted).toBeGreaterThan(0);
    expect(m.mixedCaseContactEmail).toBeGreaterThan(0);
    expect(withoutEmail / MEMBERS).toBeGreaterThan(0.03);
    expect(withoutEmail / MEMBERS).toBeLessThan(0.07);
    expect(locked).toBeGreaterThan(0);
    const share = (f: string) => (formats[f] ?? 0) / MEMBERS;
    expect(share("bcrypt_2a") + share("bcrypt_2b") + share("bcrypt_2y")).toBeCloseTo(0.45, 1);
    expect(share("pbkdf2_sha256")).toBeCloseTo(0.25, 1);
    for (const f of ["ssha", "ssha256", "argon2id", "argon2id_low_cost", "argon2i", "none"]) {
      expect(formats[f], f).toBeGreaterThan(0);
    }
  });

  it("has bad rows of every kind, scattered, each with exactly its one fault", () => {
    const [, ...rows] = rowsOf(out.espaces, ";");
    const bad = badByLine(out.manifest.espaces.badLines);
    const seenNirs = new Set<string>();
    const kindsSeen = new Set<string>();
    rows.forEach((row, r) => {
      const [nir, birth, , , email, hash, failed] = row as string[];
      const kind = bad.get(r + 2);
      const checked = checkNir(nir as string);
      if (kind === undefined) {
        if (checked.ok) seenNirs.add(checked.nir);
        return;
      }
      kindsSeen.add(kind);
      const nirFault =
        kind === "nir_malformed"
          ? !checked.ok && checked.problem !== "key"
          : kind === "nir_wrong_key"
            ? !checked.ok && checked.problem === "key"
            : kind === "nir_duplicate"
              ? checked.ok && seenNirs.has(checked.nir)
              : checked.ok && !seenNirs.has(checked.nir);
      expect(nirFault, `line ${r + 2} (${kind}): NIR ${nir}`).toBe(true);
      const faults = {
        birth_date_impossible: birthDate(birth as string) === null,
        contact_email_malformed: email !== "" && !isValidEmail(email as string),
        password_hash_unknown: formatOf(hash as string) === null,
        failed_attempts_invalid: !/^\d*$/.test(failed as string),
      };
      for (const [fault, present] of Object.entries(faults)) {
        expect(present, `line ${r + 2} (${kind}): ${fault}`).toBe(fault === kind);
      }
    });
    expect([...kindsSeen].sort()).toEqual([...ESPACE_BAD_KINDS].sort());
    // Scattered among the valid rows, not all at the end.
    const lines = [...bad.keys()].sort((a, b) => a - b);
    expect(lines[0]).toBeLessThan(rows.length * 0.1);
    expect(lines[lines.length - 1]).toBeGreaterThan(rows.length * 0.9);
  });
});

describe("identities.csv", () => {
  it("has the header, the valid and bad rows the manifest counts", () => {
    const [header, ...rows] = rowsOf(out.identities, ",");
    expect(header).toEqual([...IDENTITY_COLUMNS]);
    const bad = defaultBadRows(MEMBERS).identities;
    const m = out.manifest.identities;
    expect(m.valid).toBe(MEMBERS / 5);
    expect(rows).toHaveLength(m.valid + bad * IDENTITY_BAD_KINDS.length);
    expect(m.rows).toBe(rows.length);
    for (const kind of IDENTITY_BAD_KINDS) expect(m.badLines[kind], kind).toHaveLength(bad);
    for (const row of rows) expect(row).toHaveLength(IDENTITY_COLUMNS.length);
  });

  it("has unique valid addresses, most of them a member's contact email, and its bad rows", () => {
    const [, ...espaceRows] = rowsOf(out.espaces, ";");
    const espaceBad = badByLine(out.manifest.espaces.badLines);
    const contactEmails = new Set(
      espaceRows
        .filter((row, r) => !espaceBad.has(r + 2) && row[4] !== "")
        .map((row) => normalizeEmail(row[4] as string)),
    );
    const [, ...rows] = rowsOf(out.identities, ",");
    const bad = badByLine(out.manifest.identities.badLines);
    const m = out.manifest.identities;
    const seen = new Set<string>();
    const formats: Record<string, number> = {};
    let atMember = 0;
    let notValidated = 0;
    let locked = 0;
    const kindsSeen = new Set<string>();
    const poolHashes = new Set(Object.values(pools.identities).flat());
    rows.forEach((row, r) => {
      const [email, hash, validated, isLocked] = row as string[];
      const kind = bad.get(r + 2);
      const normal = normalizeEmail(email as string);
      if (kind === undefined) {
        expect(isValidEmail(email as string), `line ${r + 2}: ${email}`).toBe(true);
        expect(seen.has(normal), `address repeated at line ${r + 2}`).toBe(false);
        seen.add(normal);
        if (contactEmails.has(normal)) atMember++;
        expect(poolHashes.has(hash as string)).toBe(true);
        const format = formatOf(hash as string) as string;
        formats[format] = (formats[format] ?? 0) + 1;
        expect(validated).toMatch(/^(true|false)$/);
        expect(isLocked).toMatch(/^(true|false)$/);
        if (validated === "false") notValidated++;
        if (isLocked === "true") locked++;
        return;
      }
      kindsSeen.add(kind);
      const faults = {
        email_malformed: !isValidEmail(email as string),
        email_duplicate: isValidEmail(email as string) && seen.has(normal),
        password_hash_unknown: formatOf(hash as string) === null,
        validated_invalid: !/^(true|false)$/.test(validated as string),
        locked_invalid: !/^(true|false)$/.test(isLocked as string),
      };
      for (const [fault, present] of Object.entries(faults)) {
        expect(present, `line ${r + 2} (${kind}): ${fault}`).toBe(fault === kind);
      }
    });
    expect([...kindsSeen].sort()).toEqual([...IDENTITY_BAD_KINDS].sort());
    expect(seen.size).toBe(m.valid);
    expect(atMember).toBe(m.atMemberContactEmail);
    expect(m.valid - atMember).toBe(m.atNoEspace);
    expect(atMember / m.valid).toBeGreaterThan(0.7);
    expect(m.atNoEspace).toBeGreaterThan(0);
    expect(notValidated).toBe(m.notValidated);
    expect(notValidated).toBeGreaterThan(0);
    expect(locked).toBe(m.locked);
    expect(formats).toEqual(m.hashFormats);
    const bcryptAndArgon =
      (formats.bcrypt_2a ?? 0) + (formats.bcrypt_2b ?? 0) + (formats.argon2id ?? 0);
    expect(bcryptAndArgon / m.valid).toBeGreaterThan(0.75);
  });
});

describe("the generator", () => {
  it("computes a row from the seed and its index alone", () => {
    expect(espaceRow(DEFAULT_SEED, 1234, pools)).toEqual(espaceRow(DEFAULT_SEED, 1234, pools));
    const [, ...rows] = rowsOf(out.espaces, ";");
    expect(rows[0]).toEqual(espaceRow(DEFAULT_SEED, 0, pools).fields);
    expect(espaceRow(DEFAULT_SEED + 1, 0, pools).fields).not.toEqual(rows[0]);
  });

  it("scales the default bad rows with N, at most 300 of each kind", () => {
    expect(defaultBadRows(2_000)).toEqual({ espaces: 50, identities: 20 });
    expect(defaultBadRows(4_000_000)).toEqual({ espaces: 200, identities: 40 });
    expect(defaultBadRows(40_000_000)).toEqual({ espaces: 300, identities: 300 });
    expect(planExport(10, { badRows: 3 }).badRows).toEqual({ espaces: 3, identities: 3 });
    expect(() => planExport(0)).toThrow();
    expect(() => planExport(NIR_CAPACITY)).toThrow();
  });

  it("gives other files for another seed", () => {
    const other = generate(pools, DEFAULT_SEED + 1);
    expect(other.espaces).not.toBe(out.espaces);
    expect(other.manifest.espaces.valid).toBe(MEMBERS);
  });
});

describe("pnpm generate:legacy", () => {
  const dir = mkdtempSync(join(tmpdir(), "mgen-generate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the same bytes for the same seed, in --out relative to where pnpm was run", async () => {
    // A run of its own (its own hash pools): the same bytes as this process computed.
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        join(here, "generate-cli.ts"),
        "--members",
        String(MEMBERS),
        "--out",
        "export",
      ],
      { cwd: bff, env: { ...process.env, INIT_CWD: dir } },
    );
    expect(stdout).toContain("espaces.csv");
    expect(stdout).toMatch(/done in \d+\.\d s/);
    const written = (name: string) => readFileSync(join(dir, "export", name), "utf8");
    expect(written("espaces.csv")).toBe(out.espaces);
    expect(written("identities.csv")).toBe(out.identities);
    expect(written("manifest.json")).toBe(manifestJson(out.manifest));
    expect(JSON.parse(written("manifest.json"))).toMatchObject({
      seed: DEFAULT_SEED,
      members: MEMBERS,
      passwords: { espaces: ESPACE_PASSWORD, identities: IDENTITY_PASSWORD },
    });
  }, 60_000);

  it("refuses a missing --members", async () => {
    await expect(
      run(process.execPath, ["--import", "tsx", join(here, "generate-cli.ts"), "--out", dir], {
        cwd: bff,
      }),
    ).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
