import { and, desc, eq, gt, gte, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { linkTokens, type TokenPurpose } from "../db/schema";
import { newSecretToken, storedTokenHash } from "./crypto";

/**
 * Emailed links (SPEC "Links", invariant 4): 256-bit random tokens, stored as a keyed
 * hash, single use, expiring; a new link of a purpose voids the owner's older ones.
 */

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  email_validation: 24 * 3_600_000,
  legacy_reset: 3_600_000,
  connect_reset: 3_600_000,
};

/** Reads and writes, inside or outside a transaction. */
export type Store = Pick<Db, "select" | "insert" | "update" | "delete">;

export type TokenOwner = { memberId: number } | { identityId: number };
export type LinkToken = typeof linkTokens.$inferSelect;

function ownedBy(owner: TokenOwner) {
  return "memberId" in owner
    ? eq(linkTokens.memberId, owner.memberId)
    : eq(linkTokens.identityId, owner.identityId);
}

const live = (now: number) =>
  and(isNull(linkTokens.usedAt), isNull(linkTokens.voidedAt), gt(linkTokens.expiresAt, now));

/** Voids the owner's outstanding links of `purpose` (all purposes when omitted). */
export function voidTokens(
  store: Store,
  owner: TokenOwner,
  now: number,
  purpose?: TokenPurpose,
): void {
  const conditions = [ownedBy(owner), isNull(linkTokens.usedAt), isNull(linkTokens.voidedAt)];
  if (purpose) conditions.push(eq(linkTokens.purpose, purpose));
  store
    .update(linkTokens)
    .set({ voidedAt: now })
    .where(and(...conditions))
    .run();
}

/** A new link for `owner`; the older ones of the same purpose stop working. */
export function issueToken(
  store: Store,
  secret: string,
  purpose: TokenPurpose,
  owner: TokenOwner,
  now: number,
  email: string | null = null,
): string {
  voidTokens(store, owner, now, purpose);
  const token = newSecretToken();
  store
    .insert(linkTokens)
    .values({
      tokenHash: storedTokenHash(secret, token),
      purpose,
      ...owner,
      email,
      createdAt: now,
      expiresAt: now + TOKEN_TTL_MS[purpose],
    })
    .run();
  return token;
}

/** The live link of `token` for `purpose`, or undefined (unknown, used, voided or expired). */
export function findLiveToken(
  store: Store,
  secret: string,
  token: string,
  purpose: TokenPurpose,
  now: number,
): LinkToken | undefined {
  return store
    .select()
    .from(linkTokens)
    .where(
      and(
        eq(linkTokens.tokenHash, storedTokenHash(secret, token)),
        eq(linkTokens.purpose, purpose),
        live(now),
      ),
    )
    .get();
}

/** Marks a link used; false when another request used it first (single use, atomically). */
export function consumeToken(store: Store, id: number, now: number): boolean {
  const used = store
    .update(linkTokens)
    .set({ usedAt: now })
    .where(and(eq(linkTokens.id, id), live(now)))
    .returning({ id: linkTokens.id })
    .get();
  return used !== undefined;
}

/** When the owner was last sent a link of `purpose`, and how many since `since`. */
export function recentTokens(
  store: Store,
  purpose: TokenPurpose,
  owner: TokenOwner,
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
export function hasFreshToken(
  store: Store,
  purpose: TokenPurpose,
  owner: TokenOwner,
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
