import { and, eq, lte, ne, or, sql } from "drizzle-orm";
import { type Db, preparedOnce } from "../db/client";
import { identities, type Member, members, type Session, sessions } from "../db/schema";
import type { DomainContext } from "./context";
import { newSecretToken } from "./keys";

/** SPEC "Sessions": a NIR session only opens the wizard. */
export const SESSION_LIMITS = {
  migration: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
  member: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
} as const;

/** Activity is written at most this often, so that reads stay reads. */
const TOUCH_EVERY_MS = 30_000;

export type SessionKind = Session["kind"];

const insertSession = preparedOnce((db: Pick<Db, "insert">) =>
  db
    .insert(sessions)
    .values({
      idHash: sql.placeholder("idHash"),
      keyId: sql.placeholder("keyId"),
      kind: sql.placeholder("kind"),
      memberId: sql.placeholder("memberId"),
      createdAt: sql.placeholder("now"),
      lastSeenAt: sql.placeholder("now"),
      expiresAt: sql.placeholder("expiresAt"),
    })
    .prepare(),
);

/** A new session; returns the cookie value (the id itself is stored only as a keyed hash). */
export function openSession(
  ctx: Pick<DomainContext, "keys">,
  db: Pick<Db, "insert">,
  kind: SessionKind,
  memberId: number,
  now: number,
): string {
  const token = newSecretToken();
  const { keyId, digest } = ctx.keys.sessionId.hash(token);
  insertSession(db).run({
    idHash: digest,
    keyId,
    kind,
    memberId,
    now,
    expiresAt: now + SESSION_LIMITS[kind].absoluteMs,
  });
  return token;
}

function expired(session: Session, now: number): boolean {
  return (
    now >= session.expiresAt || now - session.lastSeenAt >= SESSION_LIMITS[session.kind].idleMs
  );
}

/** A live session, its Espace and, once the Espace is migrated, its identity's address. */
export type SessionView = { session: Session; member: Member; identityEmail: string | null };

/**
 * Every request looks its session up: one statement for the session, its Espace and the
 * identity's address (the three reads of every `GET /api/session`).
 */
const sessionById = preparedOnce((db) =>
  db
    .select({ session: sessions, member: members, identityEmail: identities.email })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .leftJoin(identities, eq(identities.id, members.identityId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare(),
);

function lookUp(ctx: Pick<DomainContext, "db" | "keys">, token: string): SessionView | undefined {
  const [current, ...previous] = ctx.keys.sessionId.candidates(token);
  const view = sessionById(ctx.db).get({ idHash: current?.digest });
  if (view) return view;
  // A session opened under a previous SESSION_SECRET, during a rotation.
  for (const candidate of previous) {
    const older = sessionById(ctx.db).get({ idHash: candidate.digest });
    if (older) return older;
  }
  return undefined;
}

/** The live session of a cookie token, or null. An expired session is deleted on sight. */
export function findSession(
  ctx: Pick<DomainContext, "db" | "keys">,
  token: string,
  now: number,
): SessionView | null {
  const { db } = ctx;
  const view = lookUp(ctx, token);
  if (!view) return null;
  const { session } = view;
  const { idHash } = session;
  if (expired(session, now)) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
    return { ...view, session: { ...session, lastSeenAt: now } };
  }
  return view;
}

export function closeSession(db: Pick<Db, "delete">, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

/**
 * Ends the sessions of an Espace (a new privilege, a new password), but `except` (the
 * session of the request that made the change, when it goes on); returns how many ended.
 */
export function endMemberSessions(
  db: Pick<Db, "delete">,
  memberId: number,
  options: { except?: string | null; kind?: SessionKind } = {},
): number {
  const conditions = [eq(sessions.memberId, memberId)];
  if (options.except) conditions.push(ne(sessions.idHash, options.except));
  if (options.kind) conditions.push(eq(sessions.kind, options.kind));
  return db
    .delete(sessions)
    .where(and(...conditions))
    .run().changes;
}

/** Deletes sessions past their absolute or idle limit; run periodically. */
export function deleteExpiredSessions(db: Pick<Db, "delete">, now: number): number {
  const idle = (kind: SessionKind) =>
    and(eq(sessions.kind, kind), lte(sessions.lastSeenAt, now - SESSION_LIMITS[kind].idleMs));
  return db
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), idle("migration"), idle("member")))
    .run().changes;
}
