import { type LinkPage, linkUrl } from "@mgen/contracts/rules";
import type { TokenPurpose } from "../db/vocabulary";
import { lockIdentity, lockMember } from "../store/accounts";
import * as store from "../store/links";
import type { Link } from "../store/rows";
import type { DomainContext, Executor, Tx } from "./context";
import { newSecretToken } from "./keys";

/**
 * Emailed links (SPEC "Links", invariant 4): 256-bit random tokens, stored as a keyed
 * hash, single use, expiring; a new link of a purpose voids the owner's older ones. A
 * link carries its owner's credential epoch: once a credential changes, every link of an
 * older epoch is dead, even one that a concurrent request issued (SPEC "Credential epoch").
 */

export const LINK_TTL_MS: Record<TokenPurpose, number> = {
  email_validation: 24 * 3_600_000,
  migration_cancel: 24 * 3_600_000,
  legacy_reset: 3_600_000,
  connect_reset: 3_600_000,
};

/** The page each purpose's link opens. */
const LINK_PAGE: Record<TokenPurpose, LinkPage> = {
  email_validation: "/validation-email",
  migration_cancel: "/annuler-changement-identifiant",
  legacy_reset: "/reinitialisation",
  connect_reset: "/connect/reinitialisation",
};

export type LinkOwner = store.LinkOwner;
export type { Link };
export const voidLinks = store.voidLinks;

/**
 * A new link for `owner`, as the URL to email (token in the fragment, from PUBLIC_URL);
 * the older ones of the same purpose stop working.
 */
export async function issueLink(
  ctx: Pick<DomainContext, "keys" | "config">,
  tx: Executor,
  purpose: TokenPurpose,
  owner: LinkOwner,
  now: number,
  email: string | null = null,
): Promise<string> {
  await store.voidLinks(tx, owner, now, purpose);
  const epoch = await store.ownerEpoch(tx, owner);
  if (epoch === undefined) throw new Error("link for an account that does not exist");
  const token = newSecretToken();
  const { keyId, digest } = ctx.keys.linkToken.hash(token);
  await store.insertLink(tx, {
    tokenHash: digest,
    keyId,
    purpose,
    owner,
    email,
    epoch,
    now,
    expiresAt: now + LINK_TTL_MS[purpose],
  });
  return linkUrl(ctx.config.publicUrl, LINK_PAGE[purpose], token);
}

/**
 * The live link of `token` for `purpose`, or undefined: unknown, used, voided, expired,
 * or of an older credential epoch than its owner's.
 */
export function findLiveLink(
  ctx: Pick<DomainContext, "keys">,
  x: Executor,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<Link | undefined> {
  const digests = ctx.keys.linkToken.candidates(token).map((c) => c.digest);
  return store.liveLink(x, digests, purpose, now);
}

/**
 * Spends the live link of `token` for `purpose`, in the caller's transaction: the link,
 * or undefined when it is not live (any reason) or another request spent it first
 * (single use, whatever the concurrency). The owner's row is locked first and the link
 * read again under the lock: a change of credential committing meanwhile (which locks
 * the same row) is seen, and the link is dead. Callers that also lock an Espace lock it
 * before calling this (one order: Espace, then identity).
 */
export async function consumeLink(
  ctx: Pick<DomainContext, "keys">,
  tx: Tx,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Promise<Link | undefined> {
  const found = await findLiveLink(ctx, tx, token, purpose, now);
  if (!found) return undefined;
  if (found.memberId !== null) await lockMember(tx, found.memberId);
  else if (found.identityId !== null) await lockIdentity(tx, found.identityId);
  const link = await findLiveLink(ctx, tx, token, purpose, now);
  if (!link || !(await store.markUsed(tx, link.id, now))) return undefined;
  return { ...link, usedAt: now };
}

/** When the owner was last sent a link of `purpose`, and how many since `since`. */
export async function recentLinks(
  x: Executor,
  purpose: TokenPurpose,
  owner: LinkOwner,
  since: number,
): Promise<{ lastAt: number | null; count: number; oldestAt: number | null }> {
  const times = await store.linkTimes(x, purpose, owner, since);
  return {
    lastAt: times[0] ?? null,
    count: times.length,
    oldestAt: times[times.length - 1] ?? null,
  };
}

export const hasFreshLink = store.hasFreshLink;
