import { type LinkPage, linkUrl } from "@mgen/contracts/rules";
import { and, desc, eq, gt, gte, inArray, isNull } from "drizzle-orm";
import { identities, linkTokens, members, type TokenPurpose } from "../db/schema";
import type { DomainContext, Store } from "./context";
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

export type LinkOwner = { memberId: number } | { identityId: number };
export type Link = typeof linkTokens.$inferSelect;

function ownedBy(owner: LinkOwner) {
  return "memberId" in owner
    ? eq(linkTokens.memberId, owner.memberId)
    : eq(linkTokens.identityId, owner.identityId);
}

const live = (now: number) =>
  and(isNull(linkTokens.usedAt), isNull(linkTokens.voidedAt), gt(linkTokens.expiresAt, now));

function currentEpoch(store: Store, owner: LinkOwner): number {
  const row =
    "memberId" in owner
      ? store
          .select({ epoch: members.credentialEpoch })
          .from(members)
          .where(eq(members.id, owner.memberId))
          .get()
      : store
          .select({ epoch: identities.credentialEpoch })
          .from(identities)
          .where(eq(identities.id, owner.identityId))
          .get();
  if (!row) throw new Error("link for an account that does not exist");
  return row.epoch;
}

/** Voids the owner's outstanding links of `purpose` (all purposes when omitted). */
export function voidLinks(
  store: Store,
  owner: LinkOwner,
  now: number,
  purpose?: TokenPurpose,
): number {
  const conditions = [ownedBy(owner), isNull(linkTokens.usedAt), isNull(linkTokens.voidedAt)];
  if (purpose) conditions.push(eq(linkTokens.purpose, purpose));
  return store
    .update(linkTokens)
    .set({ voidedAt: now })
    .where(and(...conditions))
    .run().changes;
}

/**
 * A new link for `owner`, as the URL to email (token in the fragment, from PUBLIC_URL);
 * the older ones of the same purpose stop working.
 */
export function issueLink(
  ctx: Pick<DomainContext, "keys" | "config">,
  tx: Store,
  purpose: TokenPurpose,
  owner: LinkOwner,
  now: number,
  email: string | null = null,
): string {
  voidLinks(tx, owner, now, purpose);
  const token = newSecretToken();
  const { keyId, digest } = ctx.keys.linkToken.hash(token);
  tx.insert(linkTokens)
    .values({
      tokenHash: digest,
      keyId,
      purpose,
      ...owner,
      email,
      epoch: currentEpoch(tx, owner),
      createdAt: now,
      expiresAt: now + LINK_TTL_MS[purpose],
    })
    .run();
  return linkUrl(ctx.config.publicUrl, LINK_PAGE[purpose], token);
}

/**
 * The live link of `token` for `purpose`, or undefined: unknown, used, voided, expired,
 * or of an older credential epoch than its owner's.
 */
export function findLiveLink(
  ctx: Pick<DomainContext, "keys">,
  store: Store,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Link | undefined {
  const digests = ctx.keys.linkToken.candidates(token).map((c) => c.digest);
  const row = store
    .select({
      link: linkTokens,
      memberEpoch: members.credentialEpoch,
      identityEpoch: identities.credentialEpoch,
    })
    .from(linkTokens)
    .leftJoin(members, eq(members.id, linkTokens.memberId))
    .leftJoin(identities, eq(identities.id, linkTokens.identityId))
    .where(and(inArray(linkTokens.tokenHash, digests), eq(linkTokens.purpose, purpose), live(now)))
    .get();
  if (!row) return undefined;
  const ownerEpoch = row.link.memberId !== null ? row.memberEpoch : row.identityEpoch;
  return ownerEpoch === row.link.epoch ? row.link : undefined;
}

/**
 * Spends the live link of `token` for `purpose`, in the caller's transaction: the link,
 * or undefined when it is not live (any reason) or another request spent it first
 * (single use, whatever the concurrency).
 */
export function consumeLink(
  ctx: Pick<DomainContext, "keys">,
  tx: Store,
  token: string,
  purpose: TokenPurpose,
  now: number,
): Link | undefined {
  const link = findLiveLink(ctx, tx, token, purpose, now);
  if (!link) return undefined;
  const used = tx
    .update(linkTokens)
    .set({ usedAt: now })
    .where(and(eq(linkTokens.id, link.id), live(now)))
    .returning({ id: linkTokens.id })
    .get();
  return used ? { ...link, usedAt: now } : undefined;
}

/** When the owner was last sent a link of `purpose`, and how many since `since`. */
export function recentLinks(
  store: Store,
  purpose: TokenPurpose,
  owner: LinkOwner,
  since: number,
): { lastAt: number | null; count: number; oldestAt: number | null } {
  const rows = store
    .select({ createdAt: linkTokens.createdAt })
    .from(linkTokens)
    .where(and(eq(linkTokens.purpose, purpose), ownedBy(owner), gte(linkTokens.createdAt, since)))
    .orderBy(desc(linkTokens.createdAt))
    .all();
  return {
    lastAt: rows[0]?.createdAt ?? null,
    count: rows.length,
    oldestAt: rows[rows.length - 1]?.createdAt ?? null,
  };
}

/** A live link of `purpose` issued to the owner after `since`, if any. */
export function hasFreshLink(
  store: Store,
  purpose: TokenPurpose,
  owner: LinkOwner,
  since: number,
  now: number,
): boolean {
  return (
    store
      .select({ id: linkTokens.id })
      .from(linkTokens)
      .where(
        and(
          eq(linkTokens.purpose, purpose),
          ownedBy(owner),
          gte(linkTokens.createdAt, since),
          live(now),
        ),
      )
      .get() !== undefined
  );
}
