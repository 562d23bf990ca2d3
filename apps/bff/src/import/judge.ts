import {
  checkNir,
  isValidEmail,
  MAX_FAILED_ATTEMPTS,
  normalizeEmail,
  parseBirthDate,
} from "@mgen/contracts";
import { judgeImportedHash } from "../domain/password-hashes";

/**
 * Every row of the legacy exports is judged by the application's own rules (the contracts'
 * NIR, address and birth-date rules, and the hash formats the application can check): it
 * is loaded whole or rejected with a reason. Reasons name the column and the rule, never
 * the value: a report must not carry a NIR, an address or a hash (OPERATIONS.md §1).
 */

export const ESPACE_COLUMNS = [
  "nir",
  "birth_date",
  "first_name",
  "last_name",
  "contact_email",
  "password_hash",
  "failed_attempts",
] as const;

export const IDENTITY_COLUMNS = ["email", "password_hash", "validated", "locked"] as const;

export type Columns = Record<string, number>;

/**
 * The positions of the expected columns in the header row (order free). Unknown or
 * missing columns stop the import at once: the file is not the export it claims to be.
 */
export function readHeader(
  header: string[],
  expected: readonly string[],
): { columns: Columns } | { problem: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !expected.includes(n));
  if (unknown.length > 0) return { problem: `colonnes inconnues : ${unknown.join(", ")}` };
  const missing = expected.filter((e) => !names.includes(e));
  if (missing.length > 0) return { problem: `colonnes manquantes : ${missing.join(", ")}` };
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) return { problem: `colonnes en double : ${repeated.join(", ")}` };
  return { columns: Object.fromEntries(names.map((n, i) => [n, i])) };
}

export type JudgedEspace = {
  nir: string;
  birthDate: string;
  firstName: string;
  lastName: string;
  contactEmail: string | null;
  passwordHash: string | null;
  failedAttempts: number;
};

export type JudgedIdentity = {
  email: string;
  passwordHash: string;
  validated: boolean;
  locked: boolean;
};

export type Verdict<T> = { row: T } | { problem: string };

const NIR_PROBLEMS = {
  empty: "NIR absent",
  length: "NIR mal formé (15 caractères attendus)",
  structure: "NIR mal formé",
  key: "clé du NIR incorrecte",
} as const;

const NAME_MAX = 100;

function judgeName(value: string, column: string): string | { problem: string } {
  const name = value.trim().replace(/\s+/g, " ");
  if (name.length === 0) return { problem: `${column} absent` };
  if (name.length > NAME_MAX) return { problem: `${column} trop long` };
  return name;
}

function judgeHash(value: string, column: string): string | null | { problem: string } {
  const hash = value.trim();
  if (hash === "") return null;
  const judged = judgeImportedHash(hash);
  return "problem" in judged ? { problem: `${column} : ${judged.problem}` } : hash;
}

export function judgeEspace(
  fields: string[],
  columns: Columns,
  today: Date,
): Verdict<JudgedEspace> {
  const at = (name: (typeof ESPACE_COLUMNS)[number]) => fields[columns[name] as number] ?? "";
  const nir = checkNir(at("nir"));
  if (!nir.ok) return { problem: NIR_PROBLEMS[nir.problem] };
  const birthDate = parseBirthDate(at("birth_date"), today);
  if (!birthDate) return { problem: "date de naissance impossible" };
  const firstName = judgeName(at("first_name"), "prénom");
  if (typeof firstName !== "string") return firstName;
  const lastName = judgeName(at("last_name"), "nom");
  if (typeof lastName !== "string") return lastName;
  const email = at("contact_email").trim();
  const contactEmail = email === "" ? null : normalizeEmail(email);
  if (contactEmail !== null && !isValidEmail(contactEmail))
    return { problem: "adresse de contact mal formée" };
  const passwordHash = judgeHash(at("password_hash"), "mot de passe");
  if (passwordHash !== null && typeof passwordHash !== "string") return passwordHash;
  const attempts = at("failed_attempts").trim();
  if (attempts !== "" && !/^\d{1,4}$/.test(attempts))
    return { problem: "nombre d'échecs illisible" };
  const failedAttempts = Math.min(attempts === "" ? 0 : Number(attempts), MAX_FAILED_ATTEMPTS);
  return {
    row: {
      nir: nir.nir,
      birthDate,
      firstName,
      lastName,
      contactEmail,
      passwordHash,
      failedAttempts,
    },
  };
}

function judgeFlag(value: string, column: string): boolean | { problem: string } {
  const flag = value.trim().toLowerCase();
  if (flag === "true") return true;
  if (flag === "false") return false;
  return { problem: `${column} : « true » ou « false » attendu` };
}

export function judgeIdentity(fields: string[], columns: Columns): Verdict<JudgedIdentity> {
  const at = (name: (typeof IDENTITY_COLUMNS)[number]) => fields[columns[name] as number] ?? "";
  const email = normalizeEmail(at("email"));
  if (!isValidEmail(email)) return { problem: "adresse mal formée" };
  const passwordHash = judgeHash(at("password_hash"), "mot de passe");
  if (passwordHash === null) return { problem: "mot de passe absent" };
  if (typeof passwordHash !== "string") return passwordHash;
  const validated = judgeFlag(at("validated"), "validated");
  if (typeof validated !== "boolean") return validated;
  const locked = judgeFlag(at("locked"), "locked");
  if (typeof locked !== "boolean") return locked;
  return { row: { email, passwordHash, validated, locked } };
}
