import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { hash } from "@node-rs/argon2";
import pLimit from "p-limit";
import { type Argon2Params, needsRehash, verifyStored } from "./password-hashes";

export type { Argon2Params };

/**
 * Password and secret-answer hashing. New hashes are argon2id (@node-rs/argon2 runs it on
 * the libuv pool, so the event loop keeps serving while a hash is computed); stored hashes
 * are checked in their own format (domain/password-hashes.ts: argon2, and the legacy
 * bcrypt, PBKDF2 and salted SHA of the imported stores).
 *
 * A check that fails, and the decoy check of an unknown account, take at least
 * `floorMs`: the time of a wrong answer then says nothing of the stored format, nor of
 * whether the account exists (ADR 020). A right password is answered at once.
 *
 * At most `concurrency` hashes are computed at once (default: one per core), the others
 * wait their turn in order (ADR 025): a wave of members is always more than the cores,
 * and more hashes at once than cores only share the cores between them, each taking
 * longer, while the event loop, which answers every other request, competes with all.
 */
export type Hasher = {
  hash(secret: string): Promise<string>;
  verify(hashed: string, secret: string): Promise<boolean>;
  /** The same work as a real verification, for unknown accounts (no timing oracle). */
  verifyNothing(secret: string): Promise<false>;
  /** The stored hash should be replaced by a new argon2id one (legacy format, or below the cost). */
  needsRehash(hashed: string): boolean;
  /** Hashes being computed now, and waiting their turn. */
  load(): { hashing: number; waiting: number };
};

export async function createHasher(
  params: Argon2Params,
  options: { floorMs?: number; concurrency?: number } = {},
): Promise<Hasher> {
  const argon = { ...params };
  const floorMs = options.floorMs ?? 0;
  const limit = pLimit(options.concurrency ?? availableParallelism());
  const check = (hashed: string, secret: string) =>
    limit(() => verifyStored(hashed, secret)).catch(() => false);
  const decoy = await hash(randomBytes(32).toString("base64url"), argon);
  /** Waits what is left of the floor since `started`: failures all take as long. */
  const padded = async (started: number) => {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  };
  return {
    hash: (secret) => limit(() => hash(secret, argon)),
    // Fails closed: an error of a library (a corrupted hash, an unknown format) is "no match".
    verify: async (hashed, secret) => {
      const started = performance.now();
      const right = await check(hashed, secret);
      if (right === true) return true;
      await padded(started);
      return false;
    },
    verifyNothing: async (secret) => {
      const started = performance.now();
      await check(decoy, secret);
      await padded(started);
      return false;
    },
    needsRehash: (hashed) => needsRehash(hashed, argon),
    load: () => ({ hashing: limit.activeCount, waiting: limit.pendingCount }),
  };
}
