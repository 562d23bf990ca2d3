import { createHash, pbkdf2, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { verify as argon2Verify } from "@node-rs/argon2";
import { verify as bcryptVerify } from "@node-rs/bcrypt";

/**
 * The password hashes the application can check (OPERATIONS.md §1): its own argon2id, and
 * those of the legacy Espace personnel store and of the MGEN Connect directory, kept as
 * they are at import and checked in their own format with well-kept implementations
 * (@node-rs/argon2, @node-rs/bcrypt, node:crypto's PBKDF2 and SHA). A hash in any other
 * format is refused at import, so a sign-in never meets one. At the first successful
 * sign-in, a hash that is not argon2id at the configured cost is replaced (ADR 020).
 */

export type HashFormat = "argon2id" | "argon2i" | "bcrypt" | "pbkdf2_sha256" | "ssha" | "ssha256";

/**
 * The costliest legacy parameters accepted at import. A wrong password is answered no
 * sooner than `PASSWORD_CHECK_FLOOR_MS`, which must exceed their verification time, so
 * that the time does not tell the format (or the membership) apart; `pnpm bench` prints
 * them on the server's CPU.
 */
export const LEGACY_CEILINGS = { bcryptCost: 12, pbkdf2Iterations: 1_000_000 } as const;

export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

const pbkdf2Async = promisify(pbkdf2);

const ARGON2 =
  /^\$(argon2id|argon2i)\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const BCRYPT = /^\$2[abyx]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const PBKDF2 = /^pbkdf2_sha256\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const SSHA = /^\{(SSHA|SSHA256)\}([A-Za-z0-9+/]+={0,2})$/;

type Parsed =
  | { format: "argon2id" | "argon2i"; params: Argon2Params }
  | { format: "bcrypt"; cost: number }
  | { format: "pbkdf2_sha256"; iterations: number; salt: string; digest: Buffer }
  | { format: "ssha" | "ssha256"; digest: Buffer; salt: Buffer };

function parse(stored: string): Parsed | null {
  let m = ARGON2.exec(stored);
  if (m) {
    const params = { memoryCost: Number(m[2]), timeCost: Number(m[3]), parallelism: Number(m[4]) };
    return { format: m[1] as "argon2id" | "argon2i", params };
  }
  m = BCRYPT.exec(stored);
  if (m) return { format: "bcrypt", cost: Number(m[1]) };
  m = PBKDF2.exec(stored);
  if (m) {
    const digest = Buffer.from(m[3] as string, "base64");
    return { format: "pbkdf2_sha256", iterations: Number(m[1]), salt: m[2] as string, digest };
  }
  m = SSHA.exec(stored);
  if (m) {
    const format = m[1] === "SSHA" ? "ssha" : "ssha256";
    const raw = Buffer.from(m[2] as string, "base64");
    const size = format === "ssha" ? 20 : 32;
    if (raw.length <= size) return null;
    return { format, digest: raw.subarray(0, size), salt: raw.subarray(size) };
  }
  return null;
}

export function formatOf(stored: string): HashFormat | null {
  return parse(stored)?.format ?? null;
}

/** Whether an imported hash can be checked here; the reason, in French, when it cannot. */
export function judgeImportedHash(stored: string): { format: HashFormat } | { problem: string } {
  const parsed = parse(stored);
  if (!parsed) return { problem: "format de mot de passe inconnu" };
  if (parsed.format === "bcrypt" && (parsed.cost < 4 || parsed.cost > LEGACY_CEILINGS.bcryptCost)) {
    return { problem: `coût bcrypt hors limites (4 à ${LEGACY_CEILINGS.bcryptCost})` };
  }
  if (
    parsed.format === "pbkdf2_sha256" &&
    (parsed.iterations < 1 ||
      parsed.iterations > LEGACY_CEILINGS.pbkdf2Iterations ||
      parsed.digest.length !== 32)
  ) {
    return {
      problem: `PBKDF2 hors limites (1 à ${LEGACY_CEILINGS.pbkdf2Iterations} itérations, 32 octets)`,
    };
  }
  if (
    (parsed.format === "argon2id" || parsed.format === "argon2i") &&
    parsed.params.memoryCost > 262_144
  ) {
    return { problem: "argon2 hors limites (256 Mio au plus)" };
  }
  return { format: parsed.format };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a password against a stored hash in its own format; false for any hash it cannot read. */
export async function verifyStored(stored: string, password: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  switch (parsed.format) {
    case "argon2id":
    case "argon2i":
      return argon2Verify(stored, password);
    case "bcrypt":
      return bcryptVerify(password, stored);
    case "pbkdf2_sha256": {
      const derived = await pbkdf2Async(password, parsed.salt, parsed.iterations, 32, "sha256");
      return sameBytes(derived, parsed.digest);
    }
    case "ssha":
    case "ssha256": {
      const algorithm = parsed.format === "ssha" ? "sha1" : "sha256";
      const digest = createHash(algorithm).update(password).update(parsed.salt).digest();
      return sameBytes(digest, parsed.digest);
    }
  }
}

/** Anything but argon2id at (at least) the configured cost is replaced at the next sign-in. */
export function needsRehash(stored: string, params: Argon2Params): boolean {
  const parsed = parse(stored);
  if (parsed?.format !== "argon2id") return true;
  const p = parsed.params;
  return (
    p.memoryCost < params.memoryCost ||
    p.timeCost < params.timeCost ||
    p.parallelism < params.parallelism
  );
}
