import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config";

/** The headers of every answer: a strict CSP, no framing, no referrer, HSTS in production. */
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
    strictTransportSecurity:
      config.mode === "production" ? "max-age=63072000; includeSubDomains" : false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: "DENY",
  });
}
