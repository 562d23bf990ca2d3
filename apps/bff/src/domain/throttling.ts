import ipaddr from "ipaddr.js";
import type { ThrottleBucket } from "../db/vocabulary";
import { lockMember } from "../store/accounts";
import {
  countHit as count,
  recordWizardAddress,
  wizardAddressesSince,
  wizardAddressTriedAt,
} from "../store/counters";
import type { DomainContext, Tx } from "./context";
import { AppError } from "./errors";
import { identifierKey } from "./locks";

/**
 * SPEC "Throttling", every layer kept in the database (so it survives restarts and is
 * shared by every process) and answering 429 RATE_LIMITED with Retry-After:
 * - per client address (an IPv6 client counts by its /64), on every route that checks a
 *   secret (a minute) or sends an email (an hour);
 * - per identifier (the keyed hash of a NIR or an address), whatever the client address,
 *   on sign-in, forgotten-password, unlock and reset requests (an hour);
 * - per Espace in the wizard: at most so many different addresses tried an hour.
 */

const HOUR = 3_600_000;
const WINDOW_MS: Record<ThrottleBucket, number> = { secret: 60_000, email: HOUR, identifier: HOUR };

/**
 * The key of a client address: an IPv4 address (or an IPv4-mapped IPv6 one) as is, an
 * IPv6 address by its /64, since one subscriber holds a whole /64.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

function rateLimited(seconds: number, message?: string): AppError {
  return new AppError("RATE_LIMITED", {
    ...(message ? { message } : {}),
    headers: { "Retry-After": String(Math.max(1, seconds)) },
  });
}

/** Counts one request of `key` in `bucket`; throws RATE_LIMITED past `limit`. */
export async function countHit(
  ctx: Pick<DomainContext, "db" | "now">,
  bucket: ThrottleBucket,
  key: string,
  limit: number,
): Promise<void> {
  const now = ctx.now();
  const windowMs = WINDOW_MS[bucket];
  const windowStart = now - (now % windowMs);
  if ((await count(ctx.db, bucket, key, windowStart)) > limit) {
    throw rateLimited(Math.ceil((windowStart + windowMs - now) / 1000));
  }
}

/** One request about a NIR or an address, whoever sends it. */
export function throttleIdentifier(
  ctx: Pick<DomainContext, "db" | "now" | "keys" | "config">,
  kind: "nir" | "email",
  value: string,
): Promise<void> {
  return countHit(
    ctx,
    "identifier",
    identifierKey(ctx, kind, value),
    ctx.config.rateLimitPerIdentifierPerHour,
  );
}

/**
 * Step 1 of the wizard tells whether an address is taken, linkable or free: an Espace
 * may try at most `wizardAddressesPerHour` different addresses an hour (the same one
 * again is free). Call in the transaction that records the choice.
 */
export async function rationWizardAddress(
  ctx: Pick<DomainContext, "keys" | "config" | "now">,
  tx: Tx,
  memberId: number,
  email: string,
): Promise<void> {
  const now = ctx.now();
  const addressHash = ctx.keys.identifier.hash(`wizard:${email}`).digest;
  const since = now - HOUR;
  // Counted under the Espace's row lock: two tabs cannot both take the tenth address.
  await lockMember(tx, memberId);
  const triedAt = await wizardAddressTriedAt(tx, memberId, addressHash);
  if (triedAt === undefined || triedAt <= since) {
    const recent = await wizardAddressesSince(tx, memberId, since);
    if (recent.n >= ctx.config.wizardAddressesPerHour) {
      const seconds = Math.ceil(((recent.oldest ?? now) + HOUR - now) / 1000);
      throw rateLimited(
        seconds,
        `Vous avez essayé beaucoup d'adresses différentes en peu de temps. Pour protéger les adresses des autres adhérents, vous pourrez en essayer une nouvelle dans ${Math.ceil(seconds / 60)} minutes. Vous pouvez réessayer dès maintenant une adresse déjà saisie.`,
      );
    }
  }
  await recordWizardAddress(tx, memberId, addressHash, now);
}
