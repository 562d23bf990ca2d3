import { ERROR_MESSAGES, type ErrorCode, errorBodySchema } from "@mgen/contracts";

/** Shown when no answer came back at all (offline, server down, blocked request). */
export const NETWORK_MESSAGE =
  "Connexion au serveur impossible : vérifiez le réseau, puis réessayez.";

/** Any failed call to the BFF: the error envelope of API.md, or our fallback for it. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
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

/** Builds the ApiError of a non-2xx answer, whatever its body looks like. */
async function errorFromResponse(response: Response): Promise<ApiError> {
  const parsed = errorBodySchema.safeParse(await readJson(response));
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(response.status, code, message, fields);
  }
  // Not our envelope: a proxy, a gateway or a crash answered instead of the BFF.
  const code: ErrorCode =
    response.status >= 502 && response.status <= 504 ? "UNAVAILABLE" : "INTERNAL";
  return new ApiError(response.status, code, ERROR_MESSAGES[code]);
}

/**
 * Calls the staff API: JSON in and out, cookies of this origin only. The answer's type is
 * the contracts' (`@mgen/contracts/staff`), which describes responses as types only; 204
 * resolves to undefined.
 */
async function request<T>(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "INTERNAL", NETWORK_MESSAGE);
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  // A 200 or 202 may come without a body (the actions): nothing more to read.
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
  /** Every POST carries a JSON body (`{}` when the route reads nothing). */
  post: <T = undefined>(path: string, body: unknown = {}) => request<T>("POST", path, body),
};

/** `/api/staff/members?q=…`: a path with its query, empty values left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(name, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
