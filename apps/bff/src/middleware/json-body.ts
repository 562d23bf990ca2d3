import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../domain/errors";

export const MAX_BODY_BYTES = 16 * 1024;

/** Bodies over 16 KiB are refused before they are read whole (413 PAYLOAD_TOO_LARGE). */
function tooLarge(): never {
  // The unread rest of the body makes the connection unusable: say it will close.
  throw new AppError("PAYLOAD_TOO_LARGE", { headers: { Connection: "close" } });
}

const limit: MiddlewareHandler = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/**
 * GET and HEAD carry no body (the server never reads one): skipped. A body announced by
 * Content-Length is judged by its length alone: Node's HTTP parser never reads past it,
 * so it needs no counting stream (which would make @hono/node-server build a whole
 * Request for every POST). Only chunked bodies, of unknown length, are counted as read.
 */
export const limitBody: MiddlewareHandler = (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD") return next();
  const declared = c.req.header("Content-Length");
  if (declared === undefined || !/^\d+$/.test(declared)) return limit(c, next);
  if (Number(declared) > MAX_BODY_BYTES) tooLarge();
  return next();
};

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** A request that carries a body must say it is JSON: anything else is a 400, not a guess. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const hasBody =
    c.req.header("Content-Length") !== undefined
      ? c.req.header("Content-Length") !== "0"
      : c.req.header("Transfer-Encoding") !== undefined;
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
  if (hasBody && !JSON_TYPE.test(type)) {
    throw new AppError("VALIDATION_ERROR", {
      message: "La demande doit être envoyée au format JSON (Content-Type: application/json).",
    });
  }
  await next();
};
