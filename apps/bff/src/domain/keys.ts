import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
/**
 * Every keyed hash of the application, each under its own key derived (HKDF-SHA-256) from
 * one of two configured secrets, so that a hash made for one purpose means nothing for
 * another. Each secret has a key id, stored beside the hashes it made: during a rotation
 * the previous secrets still find what they hashed, and rows can be re-keyed (ADR 014).
 */

import type { KeySet } from "../config";

export type { KeySet, SecretKey } from "../config";

export type KeyedDigest = { keyId: number; digest: string };

/** HMAC-SHA-256 under a key derived for one purpose; hex digests. */
export class KeyedHash {
  private readonly keys: Array<{ id: number; key: Buffer }>;

  constructor(set: KeySet, purpose: string) {
    this.keys = [set.current, ...set.previous].map(({ id, secret }) => ({
      id,
      key: Buffer.from(hkdfSync("sha256", secret, "mgen-connect", purpose, 32)),
    }));
  }

  private digestWith(key: Buffer, value: string): string {
    return createHmac("sha256", key).update(value).digest("hex");
  }

  /** The digest under the current key: what is stored. */
  hash(value: string): KeyedDigest {
    const current = this.keys[0] as { id: number; key: Buffer };
    return { keyId: current.id, digest: this.digestWith(current.key, value) };
  }

  /** The digest under every accepted key, the current first: what a look-up tries. */
  candidates(value: string): KeyedDigest[] {
    return this.keys.map(({ id, key }) => ({ keyId: id, digest: this.digestWith(key, value) }));
  }

  /**
   * The digests under the previous keys only, the newest first: where a look-up that
   * missed under the current key (`hash`) tries next, during a rotation.
   */
  previousCandidates(value: string): KeyedDigest[] {
    return this.keys
      .slice(1)
      .map(({ id, key }) => ({ keyId: id, digest: this.digestWith(key, value) }));
  }

  /** Previous keys are accepted: a rotation is under way. */
  get rotating(): boolean {
    return this.keys.length > 1;
  }

  get currentKeyId(): number {
    return (this.keys[0] as { id: number }).id;
  }
}

/** A value with a MAC beside it (`value.mac`), checked in constant time under any accepted key. */
export class Signer {
  constructor(private readonly hasher: KeyedHash) {}

  sign(value: string): string {
    return `${value}.${this.mac(this.hasher.hash(value).digest)}`;
  }

  /** The signed value, or null when the MAC matches no accepted key. */
  verify(signed: string): string | null {
    const dot = signed.lastIndexOf(".");
    if (dot <= 0) return null;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    for (const { digest } of this.hasher.candidates(value)) {
      const expected = Buffer.from(this.mac(digest));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return value;
    }
    return null;
  }

  private mac(digest: string): string {
    return Buffer.from(digest, "hex").subarray(0, 16).toString("base64url");
  }
}

/**
 * A secret the application must read back (a staff account's TOTP secret), sealed with
 * AES-256-GCM under a key derived for that purpose: `v1.<key id>.<iv>.<ciphertext>.<tag>`
 * (base64url). Opened under the key it names, current or previous (ADR 014).
 */
export class Sealer {
  private readonly keys: Map<number, Buffer>;
  private readonly currentId: number;

  constructor(set: KeySet, purpose: string) {
    this.currentId = set.current.id;
    this.keys = new Map(
      [set.current, ...set.previous].map(({ id, secret }) => [
        id,
        Buffer.from(hkdfSync("sha256", secret, "mgen-connect", purpose, 32)),
      ]),
    );
  }

  seal(plain: string): string {
    const key = this.keys.get(this.currentId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
    return ["v1", String(this.currentId), ...parts].join(".");
  }

  /** The plain text, or null when the value was not sealed by an accepted key. */
  open(sealed: string): string | null {
    const [version, keyId, iv, body, tag] = sealed.split(".");
    const key = this.keys.get(Number(keyId));
    if (version !== "v1" || !key || !iv || body === undefined || !tag) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, "base64url")),
        decipher.final(),
      ]);
      return plain.toString("utf8");
    } catch {
      return null;
    }
  }
}

/** The keyed hashes of the application, one per purpose. */
export type Keys = {
  /** NIR look-up (members.nir_hash), from NIR_PEPPER. */
  nir: KeyedHash;
  /** Session ids as stored, from SESSION_SECRET. */
  sessionId: KeyedHash;
  /** Emailed-link tokens as stored. */
  linkToken: KeyedHash;
  /** Device-cookie tokens as stored. */
  deviceToken: KeyedHash;
  /** The device cookie's signature. */
  deviceCookie: Signer;
  /** Identifiers in throttling and failure counters (never the identifier itself). */
  identifier: KeyedHash;
  /** Pseudonymous subjects of security events about identifiers of no account. */
  subject: KeyedHash;
  /** Staff session ids as stored (their own key: a member's session id means nothing here). */
  staffSessionId: KeyedHash;
  /** Staff enrolment-link tokens as stored. */
  staffEnrolment: KeyedHash;
  /** Staff accounts' TOTP secrets, sealed. */
  staffTotp: Sealer;
};

export function createKeys(secrets: { nirPepper: KeySet; sessionSecret: KeySet }): Keys {
  const app = (purpose: string) => new KeyedHash(secrets.sessionSecret, purpose);
  return {
    nir: new KeyedHash(secrets.nirPepper, "nir-lookup"),
    sessionId: app("session-id"),
    linkToken: app("link-token"),
    deviceToken: app("device-token"),
    deviceCookie: new Signer(app("device-cookie")),
    identifier: app("identifier"),
    subject: app("event-subject"),
    staffSessionId: app("staff-session-id"),
    staffEnrolment: app("staff-enrolment"),
    staffTotp: new Sealer(secrets.sessionSecret, "staff-totp-secret"),
  };
}

/** 256 bits of randomness, URL-safe: session ids, emailed-link tokens, device cookies. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}
