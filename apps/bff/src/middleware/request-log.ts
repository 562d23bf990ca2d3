import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type pino from "pino";
import type { AppEnv } from "../types";

/**
 * One structured line per request with a request id. Only the path is logged, never the
 * query string, headers or body: tokens, NIRs and passwords must not reach the log.
 */
export function requestLog(logger: pino.Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.set("requestId", requestId);
    c.set("logger", logger);
    c.header("X-Request-Id", requestId);
    await next();
    logger.info(
      {
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      "request",
    );
  };
}
