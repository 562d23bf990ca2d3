import { and, eq, lte, or, sql } from "drizzle-orm";
import { type Db, preparedOnce } from "../db/client";
import { type Session, sessions } from "../db/schema";
import { newSecretToken, storedTokenHash } from "./crypto";

/** SPEC "Sessions": a NIR session only opens the wizard. */
export const SESSION_LIMITS = {
  migration: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
  member: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
} as const;

/** Activity is written at most this often, so that reads stay reads. */
const TOUCH_EVERY_MS = 30_000;

export type SessionKind = Session["kind"];

export function openSession(
  db: Pick<Db, "insert">,
  secret: string,
  kind: SessionKind,
  memberId: number,
  now: number,
): string {
  const token = newSecretToken();
  db.insert(sessions)
    .values({
      idHash: storedTokenHash(secret, token),
      kind,
      memberId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_LIMITS[kind].absoluteMs,
    })
    .run();
  return token;
}

function expired(session: Session, now: number): boolean {
  return (
    now >= session.expiresAt || now - session.lastSeenAt >= SESSION_LIMITS[session.kind].idleMs
  );
}

/** Every request looks its session up. */
const sessionById = preparedOnce((db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare(),
);

/** The live session of a cookie token, or null. An expired session is deleted on sight. */
export function findSession(db: Db, secret: string, token: string, now: number): Session | null {
  const idHash = storedTokenHash(secret, token);
  const session = sessionById(db).get({ idHash });
  if (!session) return null;
  if (expired(session, now)) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
    return { ...session, lastSeenAt: now };
  }
  return session;
}

export function closeSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

/** Ends every session of an Espace (a new privilege, a new password). */
export function closeMemberSessions(db: Pick<Db, "delete">, memberId: number): void {
  db.delete(sessions).where(eq(sessions.memberId, memberId)).run();
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
