import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config";
import type { Caller, DomainContext } from "../domain/context";
import { DEVICE_LIFETIME_MS } from "../domain/devices";
import { AppError } from "../domain/errors";
import { closeSession, findSession, type SessionMember } from "../domain/sessions";
import type { Session } from "../store/rows";
import type { AppEnv } from "../types";
import { clientAddress } from "./throttle";

/** `__Host-` binds a cookie to this exact origin (HTTPS only, path /, no Domain). */
function cookieName(config: Config, name: string): string {
  return config.secureCookies ? `__Host-${name}` : name;
}

export function sessionCookieName(config: Config): string {
  return cookieName(config, "mgen_session");
}

export function deviceCookieName(config: Config): string {
  return cookieName(config, "mgen_device");
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

/** The signed device cookie of SPEC "Locks": a year, HttpOnly, this origin only. */
export function setDeviceCookie(
  c: Context,
  ctx: Pick<DomainContext, "config" | "keys">,
  deviceToken: string,
): void {
  setCookie(c, deviceCookieName(ctx.config), ctx.keys.deviceCookie.sign(deviceToken), {
    httpOnly: true,
    sameSite: "Lax",
    secure: ctx.config.secureCookies,
    path: "/",
    maxAge: Math.floor(DEVICE_LIFETIME_MS / 1000),
  });
}

/** Finds the request's live session (expired ones are deleted on sight). */
export function loadSession(ctx: DomainContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(ctx.config));
    const view = token ? await findSession(ctx, token, ctx.now()) : null;
    c.set("session", view?.session ?? null);
    c.set("sessionView", view);
    await next();
  };
}

/**
 * The device token of the request's device cookie when the cookie's signature holds, else
 * null. Checked the first time a route asks (through `callerOf`), then kept for the
 * request: most requests (a page reading its session) never look at the device, and the
 * check costs a keyed hash.
 */
function deviceOf(c: Context<AppEnv>, ctx: Pick<DomainContext, "config" | "keys">): string | null {
  let device = c.get("device");
  if (device === undefined) {
    const cookie = getCookie(c, deviceCookieName(ctx.config));
    device = cookie ? ctx.keys.deviceCookie.verify(cookie) : null;
    c.set("device", device);
  }
  return device;
}

/** Who is asking, for the domain: request id, client address, device token. */
export function callerOf(c: Context<AppEnv>, ctx: Pick<DomainContext, "config" | "keys">): Caller {
  return {
    requestId: c.get("requestId") ?? null,
    client: clientAddress(c, ctx.config.trustProxy),
    device: deviceOf(c, ctx),
  };
}

/**
 * The NIR session of the wizard and its (not yet migrated) Espace, or 401. The Espace is
 * the one read with the session at the start of this request.
 */
export async function requireMigration(
  c: Context<AppEnv>,
  ctx: DomainContext,
): Promise<{ session: Session; member: SessionMember }> {
  const session = c.get("session");
  const member = c.get("sessionView")?.member;
  if (session?.kind !== "migration" || !member) throw new AppError("UNAUTHENTICATED");
  if (member.identityId !== null) {
    // Migrated meanwhile (a link opened elsewhere): the wizard's session has no more use.
    await closeSession(ctx.db, session.idHash);
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
  member: SessionMember;
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
