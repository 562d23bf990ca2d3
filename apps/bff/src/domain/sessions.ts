import type { SessionKind } from "../db/vocabulary";
import * as store from "../store/sessions";
import type { DomainContext, Executor } from "./context";
import { newSecretToken } from "./keys";

/** SPEC "Sessions": server-side, found by the keyed hash of the cookie's value. */

export const SESSION_LIMITS: Record<SessionKind, { idleMs: number; absoluteMs: number }> = {
  migration: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
  member: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
};

/** Activity is written at most this often, so that reads stay reads. */
const TOUCH_EVERY_MS = 30_000;

export type { SessionKind };
export type SessionView = store.SessionView;
export type SessionMember = store.SessionMember;

/** A new session; returns the cookie value (the id itself is stored only as a keyed hash). */
export async function openSession(
  ctx: Pick<DomainContext, "keys">,
  x: Executor,
  kind: SessionKind,
  memberId: number,
  now: number,
): Promise<string> {
  const token = newSecretToken();
  const { keyId, digest } = ctx.keys.sessionId.hash(token);
  await store.insertSession(x, {
    idHash: digest,
    keyId,
    kind,
    memberId,
    now,
    expiresAt: now + SESSION_LIMITS[kind].absoluteMs,
  });
  return token;
}

function expired(
  session: { kind: SessionKind; expiresAt: number; lastSeenAt: number },
  now: number,
): boolean {
  return (
    now >= session.expiresAt || now - session.lastSeenAt >= SESSION_LIMITS[session.kind].idleMs
  );
}

async function lookUp(
  ctx: Pick<DomainContext, "db" | "keys">,
  token: string,
): Promise<SessionView | undefined> {
  // The current key first, alone: a session opened under it (every session, once a
  // rotation is over) costs one keyed hash, not one per accepted key.
  const view = await store.sessionView(ctx.db, ctx.keys.sessionId.hash(token).digest);
  if (view) return view;
  // A session opened under a previous SESSION_SECRET, during a rotation.
  for (const candidate of ctx.keys.sessionId.previousCandidates(token)) {
    const older = await store.sessionView(ctx.db, candidate.digest);
    if (older) return older;
  }
  return undefined;
}

/** The live session of a cookie token, or null. An expired session is deleted on sight. */
export async function findSession(
  ctx: Pick<DomainContext, "db" | "keys">,
  token: string,
  now: number,
): Promise<SessionView | null> {
  const view = await lookUp(ctx, token);
  if (!view) return null;
  const { session } = view;
  if (expired(session, now)) {
    await store.deleteSession(ctx.db, session.idHash);
    return null;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    await store.touchSession(ctx.db, session.idHash, now);
    return { ...view, session: { ...session, lastSeenAt: now } };
  }
  return view;
}

export const closeSession = store.deleteSession;
export const endMemberSessions = store.deleteMemberSessions;

/** Deletes sessions past their absolute or idle limit; run periodically. */
export function deleteExpiredSessions(x: Executor, now: number): Promise<number> {
  return store.deleteExpiredSessions(x, now, {
    migration: SESSION_LIMITS.migration.idleMs,
    member: SESSION_LIMITS.member.idleMs,
  });
}
