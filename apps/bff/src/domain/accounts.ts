import type { AccountKind } from "../db/vocabulary";
import * as store from "../store/accounts";
import type { Identity, Member } from "../store/rows";
import type { DomainContext, Executor } from "./context";

/**
 * Finding an Espace or an identity: every caller looks accounts up here. An Espace is
 * found by its NIR's keyed hash, under the current pepper or a previous one during a
 * rotation; found under a previous one, its hash is rewritten under the current (ADR 014).
 */

/** An account that can be locked, notified, or hold links and device cookies. */
export type AccountRef = { kind: AccountKind; id: number };

export const memberAccount = (id: number): AccountRef => ({ kind: "member", id });
export const identityAccount = (id: number): AccountRef => ({ kind: "identity", id });

/**
 * What may be kept of a normalised NIR in clear (OPERATIONS.md §2): its first five
 * characters (sex, year and month of birth) and its key.
 */
export function visibleNir(nir: string): string {
  return `${nir.slice(0, 5)}${nir.slice(13, 15)}`;
}

/** The keyed hashes of a normalised NIR under every accepted pepper, the current first. */
export function nirDigests(ctx: Pick<DomainContext, "keys">, nir: string): string[] {
  return ctx.keys.nir.candidates(nir).map((c) => c.digest);
}

/** The Espace of a normalised NIR, or undefined. */
export function findMemberByNir(
  ctx: Pick<DomainContext, "db" | "keys">,
  nir: string,
  x: Executor = ctx.db,
): Promise<Member | undefined> {
  return findMemberByDigests(ctx, nirDigests(ctx, nir), x);
}

/**
 * The Espace whose NIR hash is one of `digests` (the current pepper's first; computed
 * earlier, when the NIR itself is gone), re-keyed under the current pepper when it was
 * found under a previous one.
 */
export async function findMemberByDigests(
  ctx: Pick<DomainContext, "db" | "keys">,
  digests: string[],
  x: Executor = ctx.db,
): Promise<Member | undefined> {
  for (const digest of digests) {
    const member = await store.memberByNirHash(x, digest);
    if (!member) continue;
    const current = digests[0] as string;
    const keyId = ctx.keys.nir.currentKeyId;
    if (member.nirKeyId === keyId && member.nirHash === current) return member;
    await store.rekeyMember(x, member.id, current, keyId);
    return { ...member, nirHash: current, nirKeyId: keyId };
  }
  return undefined;
}

export function getMember(ctx: Pick<DomainContext, "db">, id: number, x: Executor = ctx.db) {
  return store.memberById(x, id);
}

export function findIdentityByEmail(
  ctx: Pick<DomainContext, "db">,
  email: string,
  x: Executor = ctx.db,
): Promise<Identity | undefined> {
  return store.identityByEmail(x, email);
}

export function getIdentity(ctx: Pick<DomainContext, "db">, id: number, x: Executor = ctx.db) {
  return store.identityById(x, id);
}

/** The Espace whose identifier the identity is, if any. */
export function memberOfIdentityId(
  ctx: Pick<DomainContext, "db">,
  identityId: number,
  x: Executor = ctx.db,
) {
  return store.memberOfIdentity(x, identityId);
}
