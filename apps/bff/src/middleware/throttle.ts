import { getConnInfo } from "@hono/node-server/conninfo";
import { sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { preparedOnce } from "../db/client";
import type { ThrottleBucket } from "../db/schema";
import { throttleHits } from "../db/schema";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import type { AppEnv } from "../types";

/**
 * Per-client throttling (SPEC "Throttling"): every route that checks a secret, and every
 * route that sends an email, counts the requests of each client address in a fixed
 * window kept in the database (one atomic upsert), and answers 429 RATE_LIMITED with
 * Retry-After past the configured limit.
 */

const WINDOW_MS: Record<ThrottleBucket, number> = { secret: 60_000, email: 3_600_000 };

/** The routes concerned: "METHOD /path" under /api → bucket. */
export const THROTTLED_ROUTES: Record<string, ThrottleBucket> = {
  "POST /login/nir": "secret",
  "POST /login/email": "secret",
  "POST /migration/link": "secret",
  "POST /migration/confirm": "secret",
  "POST /connect/reset-password/inspect": "secret",
  "POST /connect/reset-password": "secret",
  "POST /legacy/reset-password": "secret",
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

/** Every throttled request counts itself. */
const hitStatement = preparedOnce((db) =>
  db
    .insert(throttleHits)
    .values({
      bucket: sql.placeholder("bucket"),
      client: sql.placeholder("client"),
      windowStart: sql.placeholder("windowStart"),
      hits: 1,
    })
    .onConflictDoUpdate({
      target: [throttleHits.bucket, throttleHits.client, throttleHits.windowStart],
      set: { hits: sql`${throttleHits.hits} + 1` },
    })
    .returning({ hits: throttleHits.hits })
    .prepare(),
);

/** Counts one request of `client` in `bucket`; throws RATE_LIMITED past `limit`. */
export function countHit(
  ctx: Pick<DomainContext, "db" | "now">,
  bucket: ThrottleBucket,
  client: string,
  limit: number,
): void {
  const now = ctx.now();
  const windowMs = WINDOW_MS[bucket];
  const windowStart = now - (now % windowMs);
  const row = hitStatement(ctx.db).get({ bucket, client, windowStart });
  if ((row?.hits ?? 0) > limit) {
    const seconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    throw new AppError("RATE_LIMITED", { headers: { "Retry-After": String(seconds) } });
  }
}

export function throttle(ctx: DomainContext): MiddlewareHandler<AppEnv> {
  const limits: Record<ThrottleBucket, number> = {
    secret: ctx.config.rateLimitPerMinute,
    email: ctx.config.rateLimitEmailsPerHour,
  };
  return async (c, next) => {
    const path = c.req.path.replace(/^\/api/, "");
    const bucket = THROTTLED_ROUTES[`${c.req.method} ${path}`];
    if (bucket) countHit(ctx, bucket, clientAddress(c, ctx.config.trustProxy), limits[bucket]);
    await next();
  };
}
