import type { StaffRole } from "@mgen/contracts/staff";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { findStaffSession } from "../domain/staff-auth";
import type { StaffSessionView } from "../store/staff";
import type { AppEnv } from "../types";

/** The staff session's own cookie (OPERATIONS.md §2): HttpOnly, SameSite=Strict. */
export function staffCookieName(config: Config): string {
  return config.secureCookies ? "__Host-mgen_staff" : "mgen_staff";
}

export function setStaffCookie(c: Context, config: Config, token: string): void {
  setCookie(c, staffCookieName(config), token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: config.secureCookies,
    path: "/",
  });
}

export function clearStaffCookie(c: Context, config: Config): void {
  deleteCookie(c, staffCookieName(config), { path: "/", secure: config.secureCookies });
}

/** Finds the request's live staff session, if any (expired ones are deleted on sight). */
export function loadStaffSession(ctx: DomainContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, staffCookieName(ctx.config));
    c.set("staffView", token ? await findStaffSession(ctx, token, ctx.now()) : null);
    await next();
  };
}

/**
 * A staff session past both factors, or 401 (a session after the password step alone
 * opens nothing but the code step); with `role`, 403 for any other role.
 */
export function requireStaff(c: Context<AppEnv>, role?: StaffRole): StaffSessionView {
  const view = c.get("staffView");
  if (view?.session.stage !== "full") throw new AppError("UNAUTHENTICATED");
  if (role && view.staff.role !== role) throw new AppError("FORBIDDEN");
  return view;
}
