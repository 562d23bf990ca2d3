import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config";
import type { Member, Session } from "../db/schema";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { closeSession, findSession } from "../domain/sessions";
import type { AppEnv } from "../types";

/** `__Host-` binds the cookie to this exact origin (HTTPS only, path /, no Domain). */
export function sessionCookieName(config: Config): string {
  return config.secureCookies ? "__Host-mgen_session" : "mgen_session";
}

export function setSessionCookie(c: Context, config: Config, token: string): void {
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.secureCookies,
    path: "/",
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, sessionCookieName(config), { path: "/", secure: config.secureCookies });
}

/** Finds the request's live session (expired ones are deleted on sight). */
export function loadSession(ctx: DomainContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(ctx.config));
    const view = token ? findSession(ctx.db, ctx.config.sessionSecret, token, ctx.now()) : null;
    c.set("session", view?.session ?? null);
    c.set("sessionView", view);
    await next();
  };
}

/**
 * The NIR session of the wizard and its (not yet migrated) Espace, or 401. The Espace is
 * the one read with the session at the start of this request.
 */
export function requireMigration(
  c: Context<AppEnv>,
  ctx: DomainContext,
): { session: Session; member: Member } {
  const session = c.get("session");
  const member = c.get("sessionView")?.member;
  if (session?.kind !== "migration" || !member) throw new AppError("UNAUTHENTICATED");
  if (member.identityId !== null) {
    // Migrated meanwhile (a link opened elsewhere): the wizard's session has no more use.
    closeSession(ctx.db, session.idHash);
    throw new AppError("UNAUTHENTICATED");
  }
  return { session, member };
}

/**
 * A member session (opened by email or by completing a migration), its Espace and the
 * address of its identity, or 401.
 */
export function requireMember(c: Context<AppEnv>): {
  session: Session;
  member: Member;
  email: string;
} {
  const session = c.get("session");
  const view = c.get("sessionView");
  if (session?.kind !== "member" || !view) throw new AppError("UNAUTHENTICATED");
  const { member, identityEmail } = view;
  if (member.identityId === null || identityEmail === null) {
    throw new AppError("UNAUTHENTICATED");
  }
  return { session, member, email: identityEmail };
}
