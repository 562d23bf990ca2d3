import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { TokenPurpose } from "../db/vocabulary";
import type { Link } from "./rows";

/** Emailed links, stored as keyed hashes of their tokens, with their owner's epoch. */

export type LinkOwner = { memberId: number } | { identityId: number };

const ownedBy = (owner: LinkOwner): SQL =>
  "memberId" in owner ? sql`member_id = ${owner.memberId}` : sql`identity_id = ${owner.identityId}`;

const live = (now: number): SQL =>
  sql`used_at IS NULL AND voided_at IS NULL AND expires_at > ${now}`;

/** Voids the owner's outstanding links of `purpose` (every purpose when omitted); how many. */
export async function voidLinks(
  x: Executor,
  owner: LinkOwner,
  now: number,
  purpose?: TokenPurpose,
): Promise<number> {
  const ofPurpose = purpose ? sql` AND purpose = ${purpose}` : sql``;
  return x.run(
    sql`UPDATE link_tokens SET voided_at = ${now}
        WHERE ${ownedBy(owner)} AND used_at IS NULL AND voided_at IS NULL${ofPurpose}`,
  );
}

/** The owner's credential epoch (links and pending migrations are made in it). */
export async function ownerEpoch(x: Executor, owner: LinkOwner): Promise<number | undefined> {
  const row =
    "memberId" in owner
      ? await x.get<{ credentialEpoch: number }>(
          sql`SELECT credential_epoch FROM members WHERE id = ${owner.memberId}`,
        )
      : await x.get<{ credentialEpoch: number }>(
          sql`SELECT credential_epoch FROM identities WHERE id = ${owner.identityId}`,
        );
  return row?.credentialEpoch;
}

export async function insertLink(
  x: Executor,
  link: {
    tokenHash: string;
    keyId: number;
    purpose: TokenPurpose;
    owner: LinkOwner;
    email: string | null;
    epoch: number;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  const memberId = "memberId" in link.owner ? link.owner.memberId : null;
  const identityId = "identityId" in link.owner ? link.owner.identityId : null;
  await x.run(
    sql`INSERT INTO link_tokens (token_hash, key_id, purpose, member_id, identity_id, email, epoch, created_at, expires_at)
        VALUES (${link.tokenHash}, ${link.keyId}, ${link.purpose}, ${memberId}, ${identityId}, ${link.email},
          ${link.epoch}, ${link.now}, ${link.expiresAt})`,
  );
}

/**
 * The live link of one of `tokenHashes` for `purpose`: not used, voided or expired, and
 * of its owner's current epoch.
 */
export async function liveLink(
  x: Executor,
  tokenHashes: string[],
  purpose: TokenPurpose,
  now: number,
): Promise<Link | undefined> {
  for (const tokenHash of tokenHashes) {
    const row = await x.get<Link & { ownerEpoch: number | null }>(
      sql`SELECT link_tokens.*, coalesce(members.credential_epoch, identities.credential_epoch) AS owner_epoch
          FROM link_tokens
          LEFT JOIN members ON members.id = link_tokens.member_id
          LEFT JOIN identities ON identities.id = link_tokens.identity_id AND link_tokens.member_id IS NULL
          WHERE link_tokens.token_hash = ${tokenHash} AND link_tokens.purpose = ${purpose}
            AND link_tokens.used_at IS NULL AND link_tokens.voided_at IS NULL AND link_tokens.expires_at > ${now}`,
    );
    if (row) {
      const { ownerEpoch, ...link } = row;
      return ownerEpoch === link.epoch ? link : undefined;
    }
  }
  return undefined;
}

/** Marks a live link used; false when another request used it first. */
export async function markUsed(x: Executor, id: number, now: number): Promise<boolean> {
  return (
    (await x.run(sql`UPDATE link_tokens SET used_at = ${now} WHERE id = ${id} AND ${live(now)}`)) >
    0
  );
}

/** The owner's links of `purpose` made since `since`, newest first: their times. */
export async function linkTimes(
  x: Executor,
  purpose: TokenPurpose,
  owner: LinkOwner,
  since: number,
): Promise<number[]> {
  const rows = await x.all<{ createdAt: number }>(
    sql`SELECT created_at FROM link_tokens WHERE purpose = ${purpose} AND ${ownedBy(owner)} AND created_at >= ${since}
        ORDER BY created_at DESC`,
  );
  return rows.map((r) => r.createdAt);
}

/** A live link of `purpose` made for the owner since `since`? */
export async function hasFreshLink(
  x: Executor,
  purpose: TokenPurpose,
  owner: LinkOwner,
  since: number,
  now: number,
): Promise<boolean> {
  const row = await x.get(
    sql`SELECT id FROM link_tokens WHERE purpose = ${purpose} AND ${ownedBy(owner)} AND created_at >= ${since}
          AND ${live(now)}
        LIMIT 1`,
  );
  return row !== undefined;
}
