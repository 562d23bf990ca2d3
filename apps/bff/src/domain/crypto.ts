import { createHmac, randomBytes } from "node:crypto";
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
  const options = { ...params };
  const decoy = await hash(randomBytes(32).toString("base64url"), options);
  return {
    hash: (secret) => hash(secret, options),
    verify: async (hashed, secret) => {
      try {
        return await verify(hashed, secret);
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

/** Keyed hash used to find an Espace by NIR without storing the NIR (invariant 5). */
export function nirHash(pepper: string, normalisedNir: string): string {
  return createHmac("sha256", pepper).update(`nir:${normalisedNir}`).digest("hex");
}

/** 256 bits of randomness, URL-safe: session ids and emailed-link tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a session id or a link token. */
export function storedTokenHash(secret: string, token: string): string {
  return createHmac("sha256", secret).update(`token:${token}`).digest("hex");
}
