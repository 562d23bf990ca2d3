import type { ErrorCode } from "@mgen/contracts/rules";
import type { z } from "zod/mini";

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

type Answers = typeof import("./answers");

/**
 * The contracts' response schemas and default messages. zod is not part of the first
 * download (ADR 012), so they are a chunk of their own, imported as each request starts
 * and loaded while it runs (the browser keeps the module once loaded).
 */
function loadAnswers(): Promise<Answers> {
  return import("./answers");
}

/** Loads the answers chunk ahead of the first request, once the first screen is shown. */
export function preloadAnswers(): void {
  loadAnswers().catch(() => undefined);
}

/** Builds the ApiError of a non-2xx answer, whatever its body looks like. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const [body, answers] = await Promise.all([readJson(response), loadAnswers().catch(() => null)]);
  const parsed = answers?.errorBodySchema.safeParse(body);
  if (parsed?.success) {
    const { code, message, fields } = parsed.data.error;
    const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
    return new ApiError(response.status, code, message, fields, retryAfter);
  }
  // Not our envelope: a proxy, a gateway or a crash answered instead of the BFF. (Without
  // the answers chunk, which the browser could not fetch, the network is the likely cause.)
  const code: ErrorCode =
    response.status >= 502 && response.status <= 504 ? "UNAVAILABLE" : "INTERNAL";
  return new ApiError(response.status, code, answers?.ERROR_MESSAGES[code] ?? NETWORK_MESSAGE);
}

type Method = "GET" | "POST" | "DELETE";

/** A response schema, or, for code of the first screen, where to find it in the answers. */
type SchemaOption<S> = S | ((answers: Answers) => S);

/**
 * Calls the BFF. JSON in and out, cookies of this origin only. A 2xx body is checked
 * against `schema` (a response that does not match is treated as a server error);
 * 204 resolves to undefined.
 */
export async function request<S extends z.ZodMiniType>(
  method: Method,
  path: string,
  options: { body?: unknown; schema?: SchemaOption<S>; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;
  // Loads alongside the request; awaited once the answer is in.
  const answers = loadAnswers();
  answers.catch(() => undefined);

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "INTERNAL", NETWORK_MESSAGE);
  }

  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204 || !options.schema) return undefined as z.output<S>;

  const loaded = await answers.catch(() => {
    throw new ApiError(0, "INTERNAL", NETWORK_MESSAGE);
  });
  const schema = typeof options.schema === "function" ? options.schema(loaded) : options.schema;
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError(response.status, "INTERNAL", loaded.ERROR_MESSAGES.INTERNAL);
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodMiniType>(path: string, schema: SchemaOption<S>, signal?: AbortSignal) =>
    request("GET", path, { schema, ...(signal ? { signal } : {}) }),
  /** Every POST carries a JSON body (`{}` when the route reads nothing). */
  post: <S extends z.ZodMiniType>(path: string, body: unknown = {}, schema?: SchemaOption<S>) =>
    request<S>("POST", path, { body, ...(schema ? { schema } : {}) }),
  delete: (path: string) => request("DELETE", path),
};
