import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hashSync as bcryptHash } from "@node-rs/bcrypt";
import { describe, expect, it } from "vitest";
import { createHasher } from "./crypto";
import {
  formatOf,
  judgeImportedHash,
  LEGACY_CEILINGS,
  needsRehash,
  verifyStored,
} from "./password-hashes";

const PASSWORD = "Ancien-Espace-2019";

/** One hash of `password` in every format the legacy stores use. */
export async function legacyHashes(password: string) {
  const salt = randomBytes(8);
  const ssha = (algorithm: string) =>
    Buffer.concat([createHash(algorithm).update(password).update(salt).digest(), salt]).toString(
      "base64",
    );
  const bcrypt = bcryptHash(password, 4);
  return {
    bcrypt2b: bcrypt,
    bcrypt2a: bcrypt.replace(/^\$2b\$/, "$2a$"),
    bcrypt2y: bcrypt.replace(/^\$2b\$/, "$2y$"),
    pbkdf2: `pbkdf2_sha256$1000$sel${salt.toString("hex")}$${pbkdf2Sync(password, `sel${salt.toString("hex")}`, 1000, 32, "sha256").toString("base64")}`,
    ssha: `{SSHA}${ssha("sha1")}`,
    ssha256: `{SSHA256}${ssha("sha256")}`,
    argon2id: await argon2Hash(password, { memoryCost: 256, timeCost: 1, parallelism: 1 }),
    argon2i: await argon2Hash(password, {
      memoryCost: 256,
      timeCost: 1,
      parallelism: 1,
      algorithm: 1,
    }),
  };
}

describe("stored password hashes", () => {
  it("are checked in their own format: the right password, not a wrong one", async () => {
    for (const [name, stored] of Object.entries(await legacyHashes(PASSWORD))) {
      expect(await verifyStored(stored, PASSWORD), name).toBe(true);
      expect(await verifyStored(stored, "Autre-Mot-De-Passe"), name).toBe(false);
      expect(formatOf(stored), name).not.toBeNull();
      expect(judgeImportedHash(stored), name).toHaveProperty("format");
    }
  });

  it("refuse at import any other format, and legacy costs above the ceilings", () => {
    for (const stored of [
      "md5$abc$def",
      "{MD5}X03MO1qnZdYdgyfeuILPmQ==",
      "motdepasseenclair",
      "$argon2d$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
      "{SSHA}c2hvcnQ=",
    ]) {
      expect(judgeImportedHash(stored), stored).toEqual({
        problem: "format de mot de passe inconnu",
      });
    }
    expect(
      judgeImportedHash(bcryptHash("x", 4).replace("$04$", `$${LEGACY_CEILINGS.bcryptCost + 1}$`)),
    ).toHaveProperty("problem");
    expect(
      judgeImportedHash("pbkdf2_sha256$2000000$sel$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    ).toHaveProperty("problem");
  });

  it("are replaced at sign-in unless argon2id at the configured cost", async () => {
    const configured = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
    const hashes = await legacyHashes(PASSWORD);
    for (const [name, stored] of Object.entries(hashes)) {
      expect(needsRehash(stored, configured), name).toBe(true);
    }
    const current = await argon2Hash(PASSWORD, configured);
    expect(needsRehash(current, configured)).toBe(false);
    expect(needsRehash(current, { ...configured, timeCost: 3 })).toBe(true);
  });

  it("answer a wrong password no sooner than the floor, whatever the format; a right one at once", async () => {
    const hasher = await createHasher(
      { memoryCost: 256, timeCost: 1, parallelism: 1 },
      { floorMs: 120 },
    );
    const hashes = await legacyHashes(PASSWORD);
    for (const [name, stored] of Object.entries(hashes)) {
      const started = performance.now();
      expect(await hasher.verify(stored, "Mauvais"), name).toBe(false);
      const elapsed = performance.now() - started;
      // As long as the floor, whatever the format (these test hashes all check faster).
      expect(elapsed, name).toBeGreaterThanOrEqual(119);
      expect(elapsed, name).toBeLessThan(200);
    }
    const started = performance.now();
    await hasher.verifyNothing("Mauvais");
    expect(performance.now() - started).toBeGreaterThanOrEqual(119);
    const right = performance.now();
    expect(await hasher.verify(hashes.ssha, PASSWORD)).toBe(true);
    expect(performance.now() - right).toBeLessThan(100);
  });
});
