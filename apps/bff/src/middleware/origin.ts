import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests sent by another site (API.md): a browser always says
 * where a request comes from, with `Sec-Fetch-Site` and `Origin`. Requests that carry
 * neither header are not from a browser page, so they cannot ride a member's cookie.
 */
export function originCheck(allowedOrigins: string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const site = c.req.header("Sec-Fetch-Site");
      const origin = c.req.header("Origin");
      const siteOk = site === undefined || site === "same-origin" || site === "none";
      const originOk = origin === undefined || allowed.has(origin);
      // A same-site dev server (Vite on another port) sends "same-site" with an allowed Origin.
      const devProxyOk = site === "same-site" && origin !== undefined && allowed.has(origin);
      if (!((siteOk && originOk) || devProxyOk)) throw new AppError("FORBIDDEN_ORIGIN");
    }
    await next();
  };
}
