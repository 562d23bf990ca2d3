import { createHash, pbkdf2 } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { promisify } from "node:util";
import { type Algorithm, hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { ESPACE_COLUMNS, IDENTITY_COLUMNS } from "./judge";

/**
 * Synthetic legacy exports for rehearsals and benchmarks of `pnpm import:legacy`
 * (OPERATIONS.md §1): `espaces.csv`, `identities.csv` and a `manifest.json` that says
 * what an import of them must find.
 *
 * Everything here is a pure function of a seed: a row is computed from (seed, its index)
 * alone by a small seeded PRNG (mulberry32), so the same seed and the same number of
 * members give the same bytes, and a test can compute any row by itself. Nothing holds
 * all the rows: the files are produced as a stream of text chunks (`createExport`).
 *
 * Real password hashes cannot be computed by the million (bcrypt alone is ~80 ms each),
 * so each format has a small pool of real hashes of one documented password, with
 * different salts, computed once per run (`buildHashPools`) and reused by the rows.
 */

// ─── Constants ────────────────────────────────────────────────────────────────────────

/** The default seed: the same `--members N` gives the same files. */
export const DEFAULT_SEED = 20_190_101;

/** The legacy password of every synthetic Espace that has one. */
export const ESPACE_PASSWORD = "Ancien-Espace-2019";
/** The password of every synthetic MGEN Connect identity. */
export const IDENTITY_PASSWORD = "Ancien-Connect-2019";

/** Hashes per format in a pool (each with its own salt). */
export const POOL_SIZE = 8;

/**
 * NIR numbering: a member's index decides its department and its commune + order digits
 * (`nirOf`), which makes every NIR unique by construction. The order number (digits
 * 11–13) is always 500–999; every demo NIR of SPEC.md has an order number below 500, so
 * no synthetic NIR can be a demo one.
 */
const DEPARTMENTS: readonly string[] = [
  ...range(1, 19).map(pad2),
  "2A",
  "2B",
  ...range(21, 95).map(pad2),
  "99", // born abroad
];
const ORDERS_PER_DEPARTMENT = 500_000; // 1000 communes × orders 500–999
/** Indices (valid Espaces and the bad rows built on top) that get a unique NIR. */
export const NIR_CAPACITY = DEPARTMENTS.length * ORDERS_PER_DEPARTMENT;

export const HASH_PARAMETERS = {
  bcrypt: { cost: 10 },
  pbkdf2_sha256: { iterations: 260_000, saltChars: 22, bytes: 32 },
  ssha: { saltBytes: 8 },
  argon2id: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  argon2id_low_cost: { memoryCost: 4_096, timeCost: 1, parallelism: 1 },
  argon2i: { memoryCost: 4_096, timeCost: 3, parallelism: 1 },
} as const;

export const HASH_FORMATS = [
  "bcrypt_2a",
  "bcrypt_2b",
  "bcrypt_2y",
  "pbkdf2_sha256",
  "ssha",
  "ssha256",
  "argon2id",
  "argon2id_low_cost",
  "argon2i",
] as const;
export type HashFormat = (typeof HASH_FORMATS)[number];
/** `none`: an Espace whose member never created a password (empty `password_hash`). */
export type EspaceHashFormat = HashFormat | "none";

/** Shares of the formats among valid Espaces (they add up to 1). */
export const ESPACE_HASH_SHARES: ReadonlyArray<readonly [EspaceHashFormat, number]> = [
  ["bcrypt_2a", 0.2],
  ["bcrypt_2b", 0.15],
  ["bcrypt_2y", 0.1],
  ["pbkdf2_sha256", 0.25],
  ["ssha", 0.1],
  ["ssha256", 0.05],
  ["argon2id", 0.07],
  ["argon2id_low_cost", 0.03],
  ["argon2i", 0.02],
  ["none", 0.03],
];

/** Shares of the formats among valid identities (they add up to 1). */
export const IDENTITY_HASH_SHARES: ReadonlyArray<readonly [HashFormat, number]> = [
  ["bcrypt_2b", 0.35],
  ["bcrypt_2a", 0.1],
  ["argon2id", 0.4],
  ["argon2id_low_cost", 0.05],
  ["pbkdf2_sha256", 0.05],
  ["ssha256", 0.05],
];

// The columns the import reads are the ones the generator writes: one list, the judge's.
export { ESPACE_COLUMNS, IDENTITY_COLUMNS };
export const ESPACE_SEPARATOR = ";" as const;
export const IDENTITY_SEPARATOR = "," as const;

/** The bad rows of `espaces.csv`, each a row the importer must reject. */
export const ESPACE_BAD_KINDS = [
  "nir_malformed",
  "nir_wrong_key",
  "nir_duplicate",
  "birth_date_impossible",
  "contact_email_malformed",
  "password_hash_unknown",
  "failed_attempts_invalid",
] as const;
export type EspaceBadKind = (typeof ESPACE_BAD_KINDS)[number];

/** The bad rows of `identities.csv`, each a row the importer must reject. */
export const IDENTITY_BAD_KINDS = [
  "email_malformed",
  "email_duplicate",
  "password_hash_unknown",
  "validated_invalid",
  "locked_invalid",
] as const;
export type IdentityBadKind = (typeof IDENTITY_BAD_KINDS)[number];

/** Members per identity, about (identities = ⌈members / 5⌉). */
const MEMBERS_PER_IDENTITY = 5;

// ─── PRNG ─────────────────────────────────────────────────────────────────────────────

/** murmur3's 32-bit finaliser: spreads a seed, a stream and an index over 32 bits. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85eb_ca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2_ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const STREAMS = {
  espace: 1,
  identity: 2,
  badEspace: 3,
  badIdentity: 4,
  schedule: 5,
  pool: 6,
  department: 7,
} as const;

/** mulberry32: small, fast, good enough for test data (not for secrets). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator of one row: a function of the seed, a stream and the row's index only. */
  static of(seed: number, stream: number, index: number): Rng {
    return new Rng(fmix32(seed ^ fmix32(index + Math.imul(stream, 0x9e37_79b9))));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b_79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

// ─── Names ────────────────────────────────────────────────────────────────────────────

type Name = { text: string; slug: string };

/** The address-friendly spelling of a name: no accents, no apostrophes, spaces or quotes. */
export function slugOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "");
}

function names(list: readonly string[]): Name[] {
  return list.map((text) => ({ text, slug: slugOf(text) }));
}

const FEMALE_FIRST = names([
  "Marie",
  "Nathalie",
  "Isabelle",
  "Sylvie",
  "Catherine",
  "Françoise",
  "Christine",
  "Monique",
  "Valérie",
  "Sandrine",
  "Hélène",
  "Véronique",
  "Élodie",
  "Chloé",
  "Léa",
  "Manon",
  "Camille",
  "Inès",
  "Zoé",
  "Anaïs",
  "Maëlle",
  "Noémie",
  "Marie-Thérèse",
  "Anne-Sophie",
  "Marie-Claude",
  "Jeanne",
  "Céline",
  "Aurélie",
  "Émilie",
  "Bérénice",
  "Agnès",
  "Geneviève",
  "Solène",
  "Océane",
  "Aïcha",
  "Naïma",
]);

const MALE_FIRST = names([
  "Jean",
  "Pierre",
  "Michel",
  "André",
  "Philippe",
  "Alain",
  "Bernard",
  "Jacques",
  "François",
  "Éric",
  "Stéphane",
  "Frédéric",
  "Jérôme",
  "Sébastien",
  "Thierry",
  "Hervé",
  "Gaël",
  "Noël",
  "Loïc",
  "Benoît",
  "Jean-Pierre",
  "Jean-François",
  "Jean-Luc",
  "Pierre-Yves",
  "Louis",
  "Hugo",
  "Théo",
  "Raphaël",
  "Gaëtan",
  "Mamadou",
  "Karim",
  "Yannick",
  "Joël",
  "Rémi",
  "Cédric",
  "Jérémy",
]);

const LAST = names([
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefèbvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Lefèvre",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Legrand",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Muller",
  "Henry",
  "Perrin",
  "Gauthier",
  "Fontaine",
  "Chevalier",
  "N'Diaye",
  "D'Angelo",
  "L'Hôte",
  "D'Almeida",
  "Le Gall",
  "Le Goff",
  "De La Fontaine",
  "Saint-Exupéry",
  "Lévêque",
  "Bénard",
  "Châtelet",
  "Béranger",
  "Lacôte",
  "Nguyen",
  "Diallo",
  "Traoré",
  "Da Silva",
  "Dos Santos",
  "Müller",
  "Martin-Dupré",
]);

/** Names an export may hold that need RFC 4180 quoting with `;` (a `;` or a `"` inside). */
const QUOTED_FEMALE_FIRST = names(['Marie "Mimi"', "Anne;Marie"]);
const QUOTED_MALE_FIRST = names(['Jean "Jeannot"', "Jean;Paul"]);
const QUOTED_LAST = names(["Dupont;Durand", 'Roux "dit Le Roux"', "Martin;Leroy"]);

// ─── Small helpers ────────────────────────────────────────────────────────────────────

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

/** Picks from cumulative shares. */
function share<T>(rng: Rng, shares: ReadonlyArray<readonly [T, number]>): T {
  let u = rng.next();
  for (const [value, weight] of shares) {
    if (u < weight) return value;
    u -= weight;
  }
  return (shares[shares.length - 1] as readonly [T, number])[0];
}

/** `185022A00402509` → `1 85 02 2A 004 025 09`, as printed on the carte Vitale. */
export function spacedNir(nir: string): string {
  return `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
}

const NEEDS_QUOTES = { ";": /[;"\r\n]/, ",": /[,"\r\n]/ } as const;

/** RFC 4180: a field holding the separator, a quote or a line break is quoted. */
export function csvField(value: string, separator: ";" | ","): string {
  return NEEDS_QUOTES[separator].test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const LINE_END = "\r\n";
const BOM = "\uFEFF";

// ─── Hash pools ───────────────────────────────────────────────────────────────────────

export type HashPool = Partial<Record<HashFormat, readonly string[]>>;
export type HashPools = { espaces: HashPool; identities: HashPool };

const pbkdf2Async = promisify(pbkdf2);
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ARGON2ID = 2 as Algorithm;
const ARGON2I = 1 as Algorithm;

async function hashOf(format: HashFormat, password: string, rng: Rng): Promise<string> {
  switch (format) {
    case "bcrypt_2a":
    case "bcrypt_2b":
    case "bcrypt_2y": {
      // One algorithm: $2a$ and $2y$ (PHP's crypt) are the $2b$ hash under another prefix.
      const hashed = await bcryptHash(password, HASH_PARAMETERS.bcrypt.cost, rng.bytes(16));
      return `$${format.slice(-2)}$${hashed.slice(4)}`;
    }
    case "pbkdf2_sha256": {
      const { iterations, saltChars, bytes } = HASH_PARAMETERS.pbkdf2_sha256;
      let salt = "";
      for (let i = 0; i < saltChars; i++) salt += rng.pick([...ALNUM]);
      const digest = await pbkdf2Async(password, salt, iterations, bytes, "sha256");
      return `pbkdf2_sha256$${iterations}$${salt}$${digest.toString("base64")}`;
    }
    case "ssha":
    case "ssha256": {
      const salt = rng.bytes(HASH_PARAMETERS.ssha.saltBytes);
      const digest = createHash(format === "ssha" ? "sha1" : "sha256")
        .update(password)
        .update(salt)
        .digest();
      const scheme = format === "ssha" ? "SSHA" : "SSHA256";
      return `{${scheme}}${Buffer.concat([digest, salt]).toString("base64")}`;
    }
    case "argon2id":
    case "argon2id_low_cost":
    case "argon2i":
      return argon2Hash(password, {
        ...HASH_PARAMETERS[format],
        algorithm: format === "argon2i" ? ARGON2I : ARGON2ID,
        salt: rng.bytes(16),
      });
  }
}

async function poolFor(
  formats: readonly HashFormat[],
  password: string,
  seed: number,
  base: number,
): Promise<HashPool> {
  const entries = await Promise.all(
    formats.map(async (format, f) => {
      const hashes = await Promise.all(
        range(0, POOL_SIZE - 1).map((n) =>
          hashOf(format, password, Rng.of(seed, STREAMS.pool, base + f * POOL_SIZE + n)),
        ),
      );
      return [format, hashes] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The pools of real hashes: `POOL_SIZE` per format, salts drawn from the seed (so the
 * pools too are the same for the same seed). Espaces' hashes are of `ESPACE_PASSWORD`,
 * identities' of `IDENTITY_PASSWORD`. A few seconds of CPU (bcrypt, PBKDF2, argon2).
 */
export async function buildHashPools(seed = DEFAULT_SEED): Promise<HashPools> {
  const espaceFormats = ESPACE_HASH_SHARES.map(([f]) => f).filter(
    (f): f is HashFormat => f !== "none",
  );
  const identityFormats = IDENTITY_HASH_SHARES.map(([f]) => f);
  const [espaces, identities] = await Promise.all([
    poolFor(espaceFormats, ESPACE_PASSWORD, seed, 0),
    poolFor(identityFormats, IDENTITY_PASSWORD, seed, 10_000),
  ]);
  return { espaces, identities };
}

function fromPool(pool: HashPool, format: HashFormat, rng: Rng): string {
  const hashes = pool[format];
  if (!hashes) throw new Error(`no pool for ${format}`);
  return rng.pick(hashes);
}

// ─── Plan ─────────────────────────────────────────────────────────────────────────────

export type ExportPlan = {
  members: number;
  identities: number;
  seed: number;
  /** Bad rows of each kind, per file. */
  badRows: { espaces: number; identities: number };
};

/** Default bad rows of each kind: 50 (espaces) / 20 (identities), more for large exports, 300 at most. */
export function defaultBadRows(members: number): { espaces: number; identities: number } {
  return {
    espaces: Math.min(300, Math.max(50, Math.round(members / 20_000))),
    identities: Math.min(300, Math.max(20, Math.round(members / 100_000))),
  };
}

export function planExport(
  members: number,
  options: { seed?: number; badRows?: number } = {},
): ExportPlan {
  if (!Number.isSafeInteger(members) || members < 1) {
    throw new Error("the number of members must be a whole number, 1 or more");
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new Error("the seed must be a whole number from 0 to 4294967295");
  }
  const badRows =
    options.badRows === undefined
      ? defaultBadRows(members)
      : { espaces: options.badRows, identities: options.badRows };
  if (!Number.isSafeInteger(badRows.espaces) || badRows.espaces < 0) {
    throw new Error("the number of bad rows must be a whole number, 0 or more");
  }
  const nirs = members + badRows.espaces * ESPACE_BAD_KINDS.length;
  if (nirs > NIR_CAPACITY) {
    throw new Error(`at most ${NIR_CAPACITY} Espaces (valid and bad rows) can get a unique NIR`);
  }
  return {
    members,
    identities: Math.ceil(members / MEMBERS_PER_IDENTITY),
    seed,
    badRows,
  };
}

// ─── Espaces ──────────────────────────────────────────────────────────────────────────

export type EspaceRow = {
  index: number;
  /** The fields in `ESPACE_COLUMNS` order, as written. */
  fields: string[];
  /** The NIR without separators, Corsican letters upper-cased. */
  nir: string;
  birthDateIso: string;
  /** The contact email as a member would type it, lower-cased; '' when none. */
  contactEmail: string;
  hashFormat: EspaceHashFormat;
  locked: boolean;
  traits: {
    corsican: boolean;
    nirSpaced: boolean;
    nirLowerCase: boolean;
    provisionalNir: boolean;
    birthDateFrench: boolean;
    nameNeedsQuotes: boolean;
    emailMixedCase: boolean;
    failedAttemptsEmpty: boolean;
  };
};

/** The department codes as numbers, for the key (2A → 19, 2B → 18). */
const DEPARTMENT_NUMBERS = DEPARTMENTS.map((d) =>
  Number(d.replace("2A", "19").replace("2B", "18")),
);

/**
 * The NIR (15 characters, valid key) of index `index`: unique for every index below
 * `NIR_CAPACITY`, whatever the sex and birth date it repeats.
 */
function nirOf(seed: number, index: number, sex: number, year: number, month: number): string {
  const block = Math.floor(index / ORDERS_PER_DEPARTMENT);
  const low = index % ORDERS_PER_DEPARTMENT;
  // (department, low) is one-to-one with the index: department = block + a shift of low.
  const shift = fmix32(seed ^ fmix32(low + Math.imul(STREAMS.department, 0x9e37_79b9)));
  const d = (block + shift) % DEPARTMENTS.length;
  // A permutation of 0 … 499 999 (7919 is prime to 500 000), so that communes vary.
  const spread = (low * 7919) % ORDERS_PER_DEPARTMENT;
  const commune = Math.floor(spread / 500);
  const order = 500 + (spread % 500);
  const yy = year % 100;
  // The 13 characters as a number (below 2^53, exact): sex·10¹² + yy·10¹⁰ + mm·10⁸ + …
  const n =
    sex * 1e12 +
    yy * 1e10 +
    month * 1e8 +
    (DEPARTMENT_NUMBERS[d] as number) * 1e6 +
    commune * 1e3 +
    order;
  const key = 97 - (n % 97);
  return `${sex}${pad2(yy)}${pad2(month)}${DEPARTMENTS[d]}${pad3(commune)}${pad3(order)}${pad2(key)}`;
}

const DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ["example.fr", 0.7],
  ["example.com", 0.2],
  ["example.org", 0.1],
];

function mixedCase(address: string, rng: Rng): string {
  if (rng.next() < 0.5) return address.toUpperCase();
  // Jean.Dupont.12@Example.fr
  return address.replace(
    /(^|[.@])([a-z])/g,
    (_, before: string, letter: string) => `${before}${letter.toUpperCase()}`,
  );
}

/**
 * The valid Espace of index `index` (0 ≤ index < members), or, for the bad rows, the
 * valid Espace a bad row starts from (indices from `members` on: a NIR and an address no
 * valid row has).
 */
export function espaceRow(seed: number, index: number, pools: HashPools): EspaceRow {
  const rng = Rng.of(seed, STREAMS.espace, index);

  // Sex (1 or 2; a few provisional numbers, 7 or 8) and birth date, which the NIR repeats.
  const provisional = rng.next() < 0.005;
  const female = rng.next() < 0.5;
  const sex = provisional ? (female ? 8 : 7) : female ? 2 : 1;
  const year = 1930 + rng.int(77); // 1930–2006
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(daysIn(year, month));
  const birthDateIso = `${year}-${pad2(month)}-${pad2(day)}`;
  const birthDateFrench = rng.next() < 0.35;
  const birthDate = birthDateFrench ? `${pad2(day)}/${pad2(month)}/${year}` : birthDateIso;

  const nir = nirOf(seed, index, sex, year, month);
  const corsican = nir[5] === "2" && (nir[6] === "A" || nir[6] === "B");
  const nirSpaced = rng.next() < 0.1;
  const nirLowerCase = corsican && rng.next() < 0.2;
  let nirText = nirSpaced ? spacedNir(nir) : nir;
  if (nirLowerCase) nirText = nirText.toLowerCase();

  const nameNeedsQuotes = rng.next() < 0.004;
  const quotedFirst = nameNeedsQuotes && rng.next() < 0.5;
  const firstNames = quotedFirst
    ? female
      ? QUOTED_FEMALE_FIRST
      : QUOTED_MALE_FIRST
    : female
      ? FEMALE_FIRST
      : MALE_FIRST;
  const first = rng.pick(firstNames);
  const last = nameNeedsQuotes && !quotedFirst ? rng.pick(QUOTED_LAST) : rng.pick(LAST);

  const hasEmail = rng.next() >= 0.05;
  const domain = share(rng, DOMAINS);
  const contactEmail = hasEmail ? `${first.slug}.${last.slug}.${index}@${domain}` : "";
  const emailMixedCase = hasEmail && rng.next() < 0.02;
  const emailText = emailMixedCase ? mixedCase(contactEmail, rng) : contactEmail;

  const hashFormat = share(rng, ESPACE_HASH_SHARES);
  const passwordHash = hashFormat === "none" ? "" : fromPool(pools.espaces, hashFormat, rng);

  const attempts = rng.next();
  const failedAttempts =
    attempts < 0.8 ? "" : attempts < 0.995 ? String(rng.int(5)) : String(5 + rng.int(5));
  const locked = failedAttempts !== "" && Number(failedAttempts) >= 5;

  return {
    index,
    fields: [nirText, birthDate, first.text, last.text, emailText, passwordHash, failedAttempts],
    nir,
    birthDateIso,
    contactEmail,
    hashFormat,
    locked,
    traits: {
      corsican,
      nirSpaced,
      nirLowerCase,
      provisionalNir: provisional,
      birthDateFrench,
      nameNeedsQuotes,
      emailMixedCase,
      failedAttemptsEmpty: failedAttempts === "",
    },
  };
}

function malformedAddress(local: string, domain: string, rng: Rng): string {
  return rng.pick([
    `${local}@`,
    `@${domain}`,
    `${local}.${domain}`,
    `${local}@@${domain}`,
    `${local} ${local}@${domain}`,
    `${local}@${domain.replace(".", "_")}`,
    `${local}@-${domain}`,
    `${local}@${domain}.`,
  ]);
}

function unknownHash(rng: Rng): string {
  const hex = (n: number) => rng.bytes(n).toString("hex");
  return rng.pick([
    `md5$${hex(4)}$${hex(16)}`,
    `{MD5}${rng.bytes(16).toString("base64")}`,
    `sha1$${hex(4)}$${hex(20)}`,
    `$1$${hex(4)}$${rng.bytes(16).toString("base64").slice(0, 22)}`,
    `{CRYPT}$6$${hex(8)}$${rng.bytes(64).toString("base64").slice(0, 86)}`,
    "Ancien-Espace-2019",
    "motdepasse",
    hex(16),
  ]);
}

/**
 * A bad row of `espaces.csv`: the valid Espace of index `members + n` with one field
 * broken, or (`nir_duplicate`) with the NIR of an earlier valid row, `earlier`.
 */
export function badEspaceRow(
  plan: ExportPlan,
  n: number,
  kind: EspaceBadKind,
  pools: HashPools,
  earlier: number,
): string[] {
  const base = espaceRow(plan.seed, plan.members + n, pools);
  const fields = [...base.fields];
  const rng = Rng.of(plan.seed, STREAMS.badEspace, n);
  const nir = base.nir;
  switch (kind) {
    case "nir_malformed":
      fields[0] = rng.pick([
        nir.slice(0, 14), // 14 characters
        `${nir}0`, // 16 characters
        `${nir.slice(0, 5)}O${nir.slice(6)}`, // a letter O for a zero
        `9${nir.slice(1)}`, // first character 9
        `${nir.slice(0, 5)}2C${nir.slice(7)}`, // no department 2C
        `${nir.slice(0, 8)}X${nir.slice(9)}`,
        "",
        "NIR inconnu",
      ]);
      break;
    case "nir_wrong_key": {
      const key = Number(nir.slice(13));
      const wrong = ((key + rng.int(96)) % 97) + 1; // any of the 96 other keys (01–97)
      const text = nir.slice(0, 13) + pad2(wrong);
      fields[0] = rng.next() < 0.2 ? spacedNir(text) : text;
      break;
    }
    case "nir_duplicate": {
      const first = espaceRow(plan.seed, earlier, pools);
      // The same NIR in the other presentation half of the time: it repeats once normalised.
      fields[0] = rng.next() < 0.5 ? first.nir : spacedNir(first.nir);
      break;
    }
    case "birth_date_impossible":
      fields[1] = rng.pick([
        "31/02/1990",
        "30/02/2000",
        "2007-13-01",
        "1985-00-10",
        "32/01/1970",
        "1990-04-31",
        "1899-12-31",
        "2099-01-01",
        "15/8/1990",
        "1990/08/15",
        "inconnue",
        "",
      ]);
      break;
    case "contact_email_malformed":
      fields[4] = malformedAddress(`${slugOf(fields[2] ?? "x")}.${n}`, "example.fr", rng);
      break;
    case "password_hash_unknown":
      fields[5] = unknownHash(rng);
      break;
    case "failed_attempts_invalid":
      fields[6] = rng.pick(["abc", "-1", "2.5", "cinq", "3 essais", "x"]);
      break;
  }
  return fields;
}

// ─── Identities ───────────────────────────────────────────────────────────────────────

export type IdentityRow = {
  index: number;
  fields: string[];
  /** The address, lower-cased. */
  email: string;
  /** The index of the valid Espace whose contact email this is, or null. */
  member: number | null;
  hashFormat: HashFormat;
  validated: boolean;
  locked: boolean;
  /** `quotedField`: `validated` is written quoted though it need not be (RFC 4180 allows it). */
  traits: { emailMixedCase: boolean; quotedField: boolean };
};

function otherSiteAddress(seed: number, index: number): string {
  const rng = Rng.of(seed, STREAMS.identity, 0x4000_0000 + index);
  const first = rng.pick(rng.next() < 0.5 ? FEMALE_FIRST : MALE_FIRST);
  const last = rng.pick(LAST);
  // example.net is never an Espace's domain: these addresses belong to no Espace.
  return `${first.slug}.${last.slug}.${index}@example.net`;
}

/**
 * The valid identity of index `index` (0 ≤ index < plan.identities). Identity k looks at
 * one member among 5k … 5k+4: most take that member's contact email (the "link"
 * journey), the rest an address of another site's user, at example.net.
 */
export function identityRow(plan: ExportPlan, index: number, pools: HashPools): IdentityRow {
  const rng = Rng.of(plan.seed, STREAMS.identity, index);
  const firstMember = index * MEMBERS_PER_IDENTITY;
  const j = firstMember + rng.int(Math.min(MEMBERS_PER_IDENTITY, plan.members - firstMember));
  const atMember = rng.next() < 0.88;
  const member = atMember ? espaceRow(plan.seed, j, pools) : null;
  const linked = member !== null && member.contactEmail !== "";
  const email = linked ? member.contactEmail : otherSiteAddress(plan.seed, index);
  const emailMixedCase = rng.next() < 0.02;
  const emailText = emailMixedCase ? mixedCase(email, rng) : email;
  const hashFormat = share(rng, IDENTITY_HASH_SHARES);
  const validated = rng.next() >= 0.05;
  const locked = rng.next() < 0.01;
  const quotedField = rng.next() < 0.01;
  return {
    index,
    fields: [
      emailText,
      fromPool(pools.identities, hashFormat, rng),
      String(validated),
      String(locked),
    ],
    email,
    member: linked ? j : null,
    hashFormat,
    validated,
    locked,
    traits: { emailMixedCase, quotedField },
  };
}

/** A bad row of `identities.csv`: a valid identity (of an index no valid row has) with one field broken. */
export function badIdentityRow(
  plan: ExportPlan,
  n: number,
  kind: IdentityBadKind,
  pools: HashPools,
  earlier: number,
): string[] {
  const rng = Rng.of(plan.seed, STREAMS.badIdentity, n);
  const email = otherSiteAddress(plan.seed, plan.identities + n);
  const fields = [
    email,
    fromPool(pools.identities, "argon2id", rng),
    String(rng.next() >= 0.05),
    "false",
  ];
  switch (kind) {
    case "email_malformed": {
      const [local = "x", domain = "example.net"] = email.split("@");
      fields[0] = malformedAddress(local, domain, rng);
      break;
    }
    case "email_duplicate": {
      const first = identityRow(plan, earlier, pools).email;
      // The same address in another case half of the time: it repeats once normalised.
      fields[0] = rng.next() < 0.5 ? first : first.toUpperCase();
      break;
    }
    case "password_hash_unknown":
      fields[1] = unknownHash(rng);
      break;
    case "validated_invalid":
      fields[2] = rng.pick(["oui", "1", "yes", "vrai", "t"]);
      break;
    case "locked_invalid":
      fields[3] = rng.pick(["non", "0", "no", "faux", "f"]);
      break;
  }
  return fields;
}

// ─── Where the bad rows go ────────────────────────────────────────────────────────────

export type BadSlot<K> = {
  /** The bad row is written after this many valid rows (1 or more). */
  after: number;
  kind: K;
  /** Its number among the file's bad rows. */
  n: number;
};

/**
 * `perKind` rows of each kind, kinds shuffled, spread over the file: the b-th bad row comes
 * after about b/B of the valid rows (never before the first one, so that a duplicate
 * always has an earlier row to repeat).
 */
export function badSchedule<K>(
  seed: number,
  file: number,
  valid: number,
  kinds: readonly K[],
  perKind: number,
): BadSlot<K>[] {
  const rng = Rng.of(seed, STREAMS.schedule, file);
  const order = kinds.flatMap((kind) => Array.from({ length: perKind }, () => kind));
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as K, order[i] as K];
  }
  const total = order.length;
  return order.map((kind, b) => ({
    after: Math.min(valid, 1 + Math.floor(((b + rng.next()) / total) * valid)),
    kind,
    n: b,
  }));
}

// ─── The export ───────────────────────────────────────────────────────────────────────

function tally<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function badLines<K extends string>(keys: readonly K[]): Record<K, number[]> {
  return Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
}

function counter() {
  return {
    espaces: {
      rows: 0,
      valid: 0,
      bad: tally(ESPACE_BAD_KINDS),
      badLines: badLines(ESPACE_BAD_KINDS),
      hashFormats: tally<EspaceHashFormat>([...HASH_FORMATS, "none"]),
      withoutContactEmail: 0,
      locked: 0,
      failedAttempts: { empty: 0, below5: 0, fiveOrMore: 0 },
      corsicanNir: 0,
      spacedNir: 0,
      lowerCaseNir: 0,
      provisionalNir: 0,
      frenchBirthDate: 0,
      namesNeedingQuotes: 0,
      mixedCaseContactEmail: 0,
    },
    identities: {
      rows: 0,
      valid: 0,
      bad: tally(IDENTITY_BAD_KINDS),
      badLines: badLines(IDENTITY_BAD_KINDS),
      hashFormats: tally<HashFormat>(HASH_FORMATS),
      atMemberContactEmail: 0,
      atNoEspace: 0,
      notValidated: 0,
      locked: 0,
      mixedCase: 0,
    },
  };
}

export type Manifest = ReturnType<typeof buildManifest>;

function buildManifest(plan: ExportPlan, c: ReturnType<typeof counter>) {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const dropZero = <K extends string>(r: Record<K, number>) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => (v as number) > 0)) as Partial<
      Record<K, number>
    >;
  return {
    generator: "pnpm generate:legacy",
    seed: plan.seed,
    members: plan.members,
    passwords: { espaces: ESPACE_PASSWORD, identities: IDENTITY_PASSWORD },
    hashParameters: HASH_PARAMETERS,
    espaces: {
      file: "espaces.csv",
      separator: ESPACE_SEPARATOR,
      columns: ESPACE_COLUMNS,
      /** Data rows (the header is line 1; data row r, from 1, is line r + 1). */
      rows: c.espaces.rows,
      valid: c.espaces.valid,
      rejected: sum(c.espaces.bad),
      bad: c.espaces.bad,
      hashFormats: dropZero(c.espaces.hashFormats),
      withoutContactEmail: c.espaces.withoutContactEmail,
      locked: c.espaces.locked,
      failedAttempts: c.espaces.failedAttempts,
      corsicanNir: c.espaces.corsicanNir,
      spacedNir: c.espaces.spacedNir,
      lowerCaseNir: c.espaces.lowerCaseNir,
      provisionalNir: c.espaces.provisionalNir,
      frenchBirthDate: c.espaces.frenchBirthDate,
      namesNeedingQuotes: c.espaces.namesNeedingQuotes,
      mixedCaseContactEmail: c.espaces.mixedCaseContactEmail,
      badLines: c.espaces.badLines,
    },
    identities: {
      file: "identities.csv",
      separator: IDENTITY_SEPARATOR,
      columns: IDENTITY_COLUMNS,
      rows: c.identities.rows,
      valid: c.identities.valid,
      rejected: sum(c.identities.bad),
      bad: c.identities.bad,
      hashFormats: dropZero(c.identities.hashFormats),
      atMemberContactEmail: c.identities.atMemberContactEmail,
      atNoEspace: c.identities.atNoEspace,
      notValidated: c.identities.notValidated,
      locked: c.identities.locked,
      mixedCase: c.identities.mixedCase,
      badLines: c.identities.badLines,
    },
  };
}

/** Lays out the manifest as JSON, each list of line numbers on one line. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2).replace(
    /\[\s*((?:\d+,\s*)*\d+)\s*\]/g,
    (_, list: string) => `[${list.replace(/\s+/g, " ")}]`,
  )}\n`;
}

/** The text is handed over in chunks of about this many characters. */
const CHUNK = 1 << 16;

export type LegacyExport = {
  plan: ExportPlan;
  /** `espaces.csv`, BOM and header first, in chunks. */
  espaces(): Generator<string, void, undefined>;
  /** `identities.csv`, in chunks. */
  identities(): Generator<string, void, undefined>;
  /** Rows produced so far, for a progress line. */
  progress(): { espaces: number; identities: number };
  /** The counts; complete once both files have been produced to the end. */
  manifest(): Manifest;
};

export function createExport(plan: ExportPlan, pools: HashPools): LegacyExport {
  const c = counter();
  let done = { espaces: false, identities: false };

  function* espaces(): Generator<string, void, undefined> {
    const e = c.espaces;
    const slots = badSchedule(plan.seed, 1, plan.members, ESPACE_BAD_KINDS, plan.badRows.espaces);
    let s = 0;
    let buffer = BOM + ESPACE_COLUMNS.join(ESPACE_SEPARATOR) + LINE_END;
    const line = (fields: string[]) => {
      let text = csvField(fields[0] as string, ESPACE_SEPARATOR);
      for (let f = 1; f < fields.length; f++) {
        text += ESPACE_SEPARATOR + csvField(fields[f] as string, ESPACE_SEPARATOR);
      }
      buffer += text + LINE_END;
      e.rows++;
    };
    for (let i = 0; i < plan.members; i++) {
      const row = espaceRow(plan.seed, i, pools);
      // Only the names of a valid row can hold a `;` or a `"`: the other fields are built
      // from digits, letters, `@ . - / $ + =` (the tests parse the files back to check it).
      const [nir, birthDate, first, last, email, hashed, failed] = row.fields;
      buffer += `${nir};${birthDate};${csvField(first as string, ESPACE_SEPARATOR)};${csvField(last as string, ESPACE_SEPARATOR)};${email};${hashed};${failed}${LINE_END}`;
      e.rows++;
      e.valid++;
      e.hashFormats[row.hashFormat]++;
      if (row.contactEmail === "") e.withoutContactEmail++;
      if (row.locked) e.locked++;
      if (row.traits.failedAttemptsEmpty) e.failedAttempts.empty++;
      else if (row.locked) e.failedAttempts.fiveOrMore++;
      else e.failedAttempts.below5++;
      if (row.traits.corsican) e.corsicanNir++;
      if (row.traits.nirSpaced) e.spacedNir++;
      if (row.traits.nirLowerCase) e.lowerCaseNir++;
      if (row.traits.provisionalNir) e.provisionalNir++;
      if (row.traits.birthDateFrench) e.frenchBirthDate++;
      if (row.traits.nameNeedsQuotes) e.namesNeedingQuotes++;
      if (row.traits.emailMixedCase) e.mixedCaseContactEmail++;
      for (let slot = slots[s]; slot !== undefined && slot.after === i + 1; slot = slots[++s]) {
        const earlier = Rng.of(plan.seed, STREAMS.badEspace, 0x4000_0000 + slot.n).int(i + 1);
        line(badEspaceRow(plan, slot.n, slot.kind, pools, earlier));
        e.bad[slot.kind]++;
        e.badLines[slot.kind].push(e.rows + 1);
      }
      if (buffer.length >= CHUNK) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
    done = { ...done, espaces: true };
  }

  function* identities(): Generator<string, void, undefined> {
    const d = c.identities;
    const slots = badSchedule(
      plan.seed,
      2,
      plan.identities,
      IDENTITY_BAD_KINDS,
      plan.badRows.identities,
    );
    let s = 0;
    let buffer = BOM + IDENTITY_COLUMNS.join(IDENTITY_SEPARATOR) + LINE_END;
    // The argon2 hashes hold commas (`m=19456,t=2,p=1`): quoted in this file.
    const line = (fields: string[], quoteValidated = false) => {
      const [email, hashed, validated, locked] = fields.map((f) => csvField(f, IDENTITY_SEPARATOR));
      const flag = quoteValidated ? `"${validated}"` : validated;
      buffer += `${email},${hashed},${flag},${locked}${LINE_END}`;
      d.rows++;
    };
    for (let k = 0; k < plan.identities; k++) {
      const row = identityRow(plan, k, pools);
      line(row.fields, row.traits.quotedField);
      d.valid++;
      d.hashFormats[row.hashFormat]++;
      if (row.member !== null) d.atMemberContactEmail++;
      else d.atNoEspace++;
      if (!row.validated) d.notValidated++;
      if (row.locked) d.locked++;
      if (row.traits.emailMixedCase) d.mixedCase++;
      for (let slot = slots[s]; slot !== undefined && slot.after === k + 1; slot = slots[++s]) {
        const earlier = Rng.of(plan.seed, STREAMS.badIdentity, 0x4000_0000 + slot.n).int(k + 1);
        line(badIdentityRow(plan, slot.n, slot.kind, pools, earlier));
        d.bad[slot.kind]++;
        d.badLines[slot.kind].push(d.rows + 1);
      }
      if (buffer.length >= CHUNK) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
    done = { ...done, identities: true };
  }

  return {
    plan,
    espaces,
    identities,
    progress: () => ({ espaces: c.espaces.rows, identities: c.identities.rows }),
    manifest: () => {
      if (!done.espaces || !done.identities) {
        throw new Error("the manifest is known once both files have been produced");
      }
      return buildManifest(plan, c);
    },
  };
}

/**
 * Writes a generated file's chunks to `path` through a temporary file, waiting for `drain`
 * when the stream asks (`pnpm generate:legacy`, the rehearsal): memory stays flat, and a
 * file cut short never stands under its final name.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial, { highWaterMark: 1 << 20 });
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, "drain");
  }
  stream.end();
  await finished(stream);
  await rename(partial, path);
}
