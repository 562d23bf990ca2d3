import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

/**
 * argon2id hashing of passwords and secret answers (@node-rs/argon2 runs it on the libuv
 * pool, so the event loop keeps serving while a hash is computed). Argon2id is the
 * library's default algorithm; a test checks the `$argon2id$` prefix.
 */
export type Hasher = {
  hash(secret: string): Promise<string>;
  verify(hashed: string, secret: string): Promise<boolean>;
  /** The same work as a real verification, for unknown accounts (no timing oracle). */
  verifyNothing(secret: string): Promise<false>;
};

export async function createHasher(params: Argon2Params): Promise<Hasher> {
  const argon = { ...params };
  const decoy = await hash(randomBytes(32).toString("base64url"), argon);
  return {
    hash: (secret) => hash(secret, argon),
    // Fails closed: an error of the library (a corrupted hash, an unknown format) is "no match".
    verify: async (hashed, secret) => {
      try {
        return (await verify(hashed, secret)) === true;
      } catch {
        return false;
      }
    },
    verifyNothing: async (secret) => {
      await verify(decoy, secret).catch(() => false);
      return false;
    },
  };
}
