import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { ThrottleBucket } from "../db/vocabulary";
import type { DomainContext } from "../domain/context";
import { clientKey, countHit } from "../domain/throttling";
import type { AppEnv } from "../types";

/**
 * Per-client throttling (SPEC "Throttling"): every route that checks a secret, and every
 * route that sends an email, counts the requests of each client address (an IPv6 client
 * by its /64) in a fixed window kept in the database, and answers 429 RATE_LIMITED with
 * Retry-After past the configured limit. The per-identifier and per-Espace layers are
 * the domain's (domain/throttling.ts): they need the request's data.
 */

/** The routes concerned: "METHOD /path" under /api → bucket. */
export const THROTTLED_ROUTES: Record<string, ThrottleBucket> = {
  "POST /login/nir": "secret",
  "POST /login/email": "secret",
  "POST /migration/email": "secret",
  "POST /migration/link": "secret",
  "POST /migration/confirm": "secret",
  "POST /migration/cancel": "secret",
  "POST /connect/reset-password/inspect": "secret",
  "POST /connect/reset-password": "secret",
  "POST /legacy/reset-password": "secret",
  "POST /staff/login": "secret",
  "POST /staff/login/totp": "secret",
  "POST /staff/enrolment/inspect": "secret",
  "POST /staff/enrolment": "secret",
  "POST /migration/create": "email",
  "POST /migration/resend": "email",
  "POST /connect/forgot-password": "email",
  "POST /legacy/forgot-password": "email",
  "POST /legacy/unlock": "email",
};

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client. */
function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/**
 * The client's address: the socket's, unless the socket is one of the proxies named in
 * TRUST_PROXY; then the right-most X-Forwarded-For hop that is not a trusted proxy (the
 * hops to its left were written by the client and prove nothing).
 */
export function clientAddress(c: Context, trustProxy: readonly string[]): string {
  let socket = "unknown";
  try {
    socket = normaliseAddress(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    // No socket (app.request in tests): one anonymous client.
  }
  if (!trustProxy.includes(socket)) return socket;
  const hops = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((hop) => normaliseAddress(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trustProxy.includes(hop)) return hop;
  }
  return socket;
}

/** True for a client on this machine (the development mailbox answers only those). */
export function isLoopback(address: string): boolean {
  return address === "127.0.0.1" || address === "::1" || address.startsWith("127.");
}

export function throttle(ctx: DomainContext): MiddlewareHandler<AppEnv> {
  const limits: Record<ThrottleBucket, number> = {
    secret: ctx.config.rateLimitPerMinute,
    email: ctx.config.rateLimitEmailsPerHour,
    identifier: ctx.config.rateLimitPerIdentifierPerHour,
  };
  return async (c, next) => {
    const path = c.req.path.replace(/^\/api/, "");
    const bucket = THROTTLED_ROUTES[`${c.req.method} ${path}`];
    if (bucket) {
      const client = clientKey(clientAddress(c, ctx.config.trustProxy));
      await countHit(ctx, bucket, client, limits[bucket]);
    }
    await next();
  };
}
