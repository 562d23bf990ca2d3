import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config";
import type { Member, Session } from "../db/schema";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { getMember } from "../domain/migration";
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
    c.set(
      "session",
      token ? findSession(ctx.db, ctx.config.sessionSecret, token, ctx.now()) : null,
    );
    await next();
  };
}

/** The NIR session of the wizard and its (not yet migrated) Espace, or 401. */
export function requireMigration(
  c: Context<AppEnv>,
  ctx: DomainContext,
): { session: Session; member: Member } {
  const session = c.var.session;
  if (session?.kind !== "migration") throw new AppError("UNAUTHENTICATED");
  const member = getMember(ctx, session.memberId);
  if (!member || member.identityId !== null) {
    // Migrated meanwhile (a link opened elsewhere): the wizard's session has no more use.
    closeSession(ctx.db, session.idHash);
    throw new AppError("UNAUTHENTICATED");
  }
  return { session, member };
}

/** A member session (opened by email or by completing a migration) and its Espace, or 401. */
export function requireMember(
  c: Context<AppEnv>,
  ctx: DomainContext,
): { session: Session; member: Member } {
  const session = c.var.session;
  if (session?.kind !== "member") throw new AppError("UNAUTHENTICATED");
  const member = getMember(ctx, session.memberId);
  if (!member || member.identityId === null) throw new AppError("UNAUTHENTICATED");
  return { session, member };
}
