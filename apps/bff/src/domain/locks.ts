import { eq, sql } from "drizzle-orm";
import { identities, members } from "../db/schema";
import type { Store } from "./tokens";

/** SPEC "Locks": 5 consecutive failed passwords lock an Espace or an identity. */
export const MAX_FAILED_ATTEMPTS = 5;

/*
 * One atomic UPDATE counts a failure and sets the lock at the fifth, so that parallel
 * attempts lock at exactly 5 (SQLite evaluates SET expressions on the old row). Each
 * says whether the account is locked after this failure, and whether this very failure
 * locked it (exactly one failure does, whatever the concurrency).
 */

export type Counted = { locked: boolean; justLocked: boolean };

function counted(row: { lockedAt: number | null; failedAttempts: number } | undefined): Counted {
  return {
    locked: row?.lockedAt != null,
    justLocked: row?.failedAttempts === MAX_FAILED_ATTEMPTS,
  };
}

export function countMemberFailure(store: Store, memberId: number, now: number): Counted {
  const row = store
    .update(members)
    .set({
      failedAttempts: sql`${members.failedAttempts} + 1`,
      lockedAt: sql`CASE WHEN ${members.failedAttempts} + 1 >= ${MAX_FAILED_ATTEMPTS} THEN coalesce(${members.lockedAt}, ${now}) ELSE ${members.lockedAt} END`,
    })
    .where(eq(members.id, memberId))
    .returning({ lockedAt: members.lockedAt, failedAttempts: members.failedAttempts })
    .get();
  return counted(row);
}

export function countIdentityFailure(store: Store, identityId: number, now: number): Counted {
  const row = store
    .update(identities)
    .set({
      failedAttempts: sql`${identities.failedAttempts} + 1`,
      lockedAt: sql`CASE WHEN ${identities.failedAttempts} + 1 >= ${MAX_FAILED_ATTEMPTS} THEN coalesce(${identities.lockedAt}, ${now}) ELSE ${identities.lockedAt} END`,
    })
    .where(eq(identities.id, identityId))
    .returning({ lockedAt: identities.lockedAt, failedAttempts: identities.failedAttempts })
    .get();
  return counted(row);
}
