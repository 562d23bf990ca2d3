import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../domain/errors";
import type { AppEnv } from "../types";

/**
 * The one place where errors become responses: an AppError gives its status and code;
 * Hono's own 4xx (malformed JSON…) become VALIDATION_ERROR; anything else is logged and
 * answered INTERNAL, with no stack, SQL or path.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (error instanceof HTTPException && error.status === 413) {
    appError = new AppError("PAYLOAD_TOO_LARGE");
  } else if (error instanceof HTTPException && error.status < 500) {
    appError = new AppError("VALIDATION_ERROR", {
      message: "La demande est mal formée : son contenu n'est pas un JSON valide.",
    });
  } else {
    c.get("logger")?.error({ reqId: c.get("requestId"), err: error }, "unexpected error");
    appError = new AppError("INTERNAL");
  }
  for (const [name, value] of Object.entries(appError.headers ?? {})) c.header(name, value);
  return c.json(appError.toBody(), appError.status as ContentfulStatusCode);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => {
  const error = new AppError("NOT_FOUND");
  return c.json(error.toBody(), 404);
};
