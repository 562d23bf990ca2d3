import { eq, sql } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import { type Identity, identities, type Member, members } from "../db/schema";
import type { DomainContext } from "./context";

/**
 * Finding an Espace or an identity: every caller looks accounts up here. An Espace is
 * found by its NIR's keyed hash, under the current pepper or a previous one during a
 * rotation; found under a previous one, its hash is rewritten under the current (ADR 014).
 */

/** An account that can be locked, notified, or hold links and device cookies. */
export type AccountRef = { kind: "member"; id: number } | { kind: "identity"; id: number };

export const memberAccount = (id: number): AccountRef => ({ kind: "member", id });
export const identityAccount = (id: number): AccountRef => ({ kind: "identity", id });

const memberByNirHash = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.nirHash, sql.placeholder("nirHash")))
    .prepare(),
);

const memberById = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.id, sql.placeholder("id")))
    .prepare(),
);

const identityByEmail = preparedOnce((db) =>
  db
    .select()
    .from(identities)
    .where(eq(identities.email, sql.placeholder("email")))
    .prepare(),
);

const identityById = preparedOnce((db) =>
  db
    .select()
    .from(identities)
    .where(eq(identities.id, sql.placeholder("id")))
    .prepare(),
);

const memberOfIdentity = preparedOnce((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.identityId, sql.placeholder("identityId")))
    .prepare(),
);

/** The keyed hashes of a normalised NIR under every accepted pepper, the current first. */
export function nirDigests(ctx: Pick<DomainContext, "keys">, nir: string): string[] {
  return ctx.keys.nir.candidates(nir).map((c) => c.digest);
}

/** The Espace of a normalised NIR, or undefined. */
export function findMemberByNir(
  ctx: Pick<DomainContext, "db" | "keys">,
  nir: string,
): Member | undefined {
  return findMemberByDigests(ctx, nirDigests(ctx, nir));
}

/**
 * The Espace whose NIR hash is one of `digests` (the current pepper's first; computed
 * earlier, when the NIR itself is gone), re-keyed under the current pepper when it was
 * found under a previous one. Inside a transaction, the statements run in it (one
 * connection).
 */
export function findMemberByDigests(
  ctx: Pick<DomainContext, "db" | "keys">,
  digests: string[],
): Member | undefined {
  for (const digest of digests) {
    const member = memberByNirHash(ctx.db).get({ nirHash: digest });
    if (member) return rekeyed(ctx, member, digests[0] as string);
  }
  return undefined;
}

function rekeyed(
  ctx: Pick<DomainContext, "db" | "keys">,
  member: Member,
  currentDigest: string,
): Member {
  const keyId = ctx.keys.nir.currentKeyId;
  if (member.nirKeyId === keyId && member.nirHash === currentDigest) return member;
  ctx.db
    .update(members)
    .set({ nirHash: currentDigest, nirKeyId: keyId })
    .where(eq(members.id, member.id))
    .run();
  return { ...member, nirHash: currentDigest, nirKeyId: keyId };
}

export function getMember(ctx: Pick<DomainContext, "db">, id: number): Member | undefined {
  return memberById(ctx.db).get({ id });
}

export function findIdentityByEmail(
  ctx: Pick<DomainContext, "db">,
  email: string,
): Identity | undefined {
  return identityByEmail(ctx.db).get({ email });
}

export function getIdentity(ctx: Pick<DomainContext, "db">, id: number): Identity | undefined {
  return identityById(ctx.db).get({ id });
}

/** The Espace whose identifier the identity is, if any. */
export function memberOfIdentityId(
  ctx: Pick<DomainContext, "db">,
  identityId: number,
): Member | undefined {
  return memberOfIdentity(ctx.db).get({ identityId });
}
