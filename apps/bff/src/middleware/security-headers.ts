import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config";

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The headers of every document (the SPA's pages, the console's, the mailbox): a strict
 * CSP, no framing, no referrer, the browsers' isolation headers, HSTS in production.
 */
export function securityHeaders(config: Pick<Config, "mode">): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // Pages carry tokens in their URL (/validation-email#token=…): never send it on.
    referrerPolicy: "no-referrer",
    strictTransportSecurity: config.mode === "production" ? HSTS : false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: "DENY",
  });
}

/**
 * The headers of every API answer (`/api/*`, errors included): what a JSON API needs
 * (OWASP REST Security Cheat Sheet, "Security headers") and what SPEC asks of every
 * answer — nothing cached, no MIME sniffing, never framed nor run as a document, no
 * referrer, HSTS in production. The documents' other headers (script and style sources,
 * the isolation headers) only mean something for a page a browser renders (ADR 024).
 * Written before the handler, once, into the answer Hono builds (rather than one by one
 * into a finished answer), and `Content-Type` is the handler's own.
 */
export function apiHeaders(config: Pick<Config, "mode">): MiddlewareHandler {
  const headers: Array<[string, string]> = [
    ["Cache-Control", "no-store"],
    ["X-Content-Type-Options", "nosniff"],
    ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "no-referrer"],
  ];
  if (config.mode === "production") headers.push(["Strict-Transport-Security", HSTS]);
  return async (c, next) => {
    for (const [name, value] of headers) c.header(name, value);
    await next();
    // An answer built as a bare Response, not by Hono's helpers, would not carry them.
    if (!c.res.headers.has("X-Content-Type-Options"))
      for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
