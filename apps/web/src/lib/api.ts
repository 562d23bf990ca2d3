import { ERROR_MESSAGES, type ErrorCode, errorBodySchema } from "@mgen/contracts";
import type { z } from "zod";

/** Shown when no answer came back at all (offline, server down, blocked request). */
export const NETWORK_MESSAGE =
  "Connexion impossible : vérifiez votre connexion à internet, puis réessayez.";

/** Any failed call to the BFF: the error envelope of API.md, or our fallback for it. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /** Seconds to wait before asking again, from a 429's `Retry-After` header. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    fields?: Record<string, string>,
    retryAfter?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * `Retry-After` in whole seconds: either a number of seconds or an HTTP date (RFC 9110).
 * Anything unreadable is undefined, so that the member is never told a wrong delay.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP date names its day and month in letters; "-5" or "1.5" is no date.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds the ApiError of a non-2xx answer, whatever its body looks like. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const parsed = errorBodySchema.safeParse(await readJson(response));
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
    return new ApiError(response.status, code, message, fields, retryAfter);
  }
  // Not our envelope: a proxy, a gateway or a crash answered instead of the BFF.
  const code: ErrorCode =
    response.status >= 502 && response.status <= 504 ? "UNAVAILABLE" : "INTERNAL";
  return new ApiError(response.status, code, ERROR_MESSAGES[code]);
}

type Method = "GET" | "POST" | "DELETE";

/**
 * Calls the BFF. JSON in and out, cookies of this origin only. A 2xx body is checked
 * against `schema` (a response that does not match is treated as a server error);
 * 204 resolves to undefined.
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  options: { body?: unknown; schema?: S; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "INTERNAL", NETWORK_MESSAGE);
  }

  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204 || !options.schema) return undefined as z.output<S>;

  const parsed = options.schema.safeParse(await readJson(response));
  if (!parsed.success) throw new ApiError(response.status, "INTERNAL", ERROR_MESSAGES.INTERNAL);
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) =>
    request("GET", path, { schema, ...(signal ? { signal } : {}) }),
  /** Every POST carries a JSON body (`{}` when the route reads nothing). */
  post: <S extends z.ZodType>(path: string, body: unknown = {}, schema?: S) =>
    request<S>("POST", path, { body, ...(schema ? { schema } : {}) }),
  delete: (path: string) => request("DELETE", path),
};
