import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, SECRET_QUESTIONS } from "@mgen/contracts";

/** What the fake BFF answers to one request. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
export type Handler = Reply | ((body: unknown) => Reply);
/** `"POST /api/login/nir"` → its answer. */
export type FakeApi = Record<string, Handler>;

export const ok = (body?: unknown): Reply =>
  body === undefined ? { status: 204 } : { status: 200, body };

/** The error envelope of API.md, with the code's status and default French message. */
export function fail(
  code: ErrorCode,
  extra: { message?: string; fields?: Record<string, string>; retryAfter?: number } = {},
): Reply {
  const error = { code, message: extra.message ?? ERROR_MESSAGES[code], fields: extra.fields };
  return {
    status: ERROR_STATUS[code],
    body: { error },
    ...(extra.retryAfter ? { headers: { "Retry-After": String(extra.retryAfter) } } : {}),
  };
}

const DEFAULTS: FakeApi = {
  "GET /api/session": ok({ state: "anonymous" }),
  "GET /api/secret-questions": ok(SECRET_QUESTIONS.map(({ id, label }) => ({ id, label }))),
  "POST /api/logout": ok(),
};

/**
 * Replaces `fetch` for the screen under review: the real screens, hooks and api client
 * run, and the answers come from the scenario's fixtures. A short delay lets the
 * loading states show as they would.
 */
export function installFakeApi(api: FakeApi): void {
  const handlers = { ...DEFAULTS, ...api };
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : (input as Request).url, location.href);
    const method = (init?.method ?? "GET").toUpperCase();
    const key = `${method} ${url.pathname}`;
    const handler = handlers[key];
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    await new Promise((r) => setTimeout(r, 150));
    if (!handler) {
      console.warn(`[dev/screens] no fixture for ${key}`);
      const reply = fail("NOT_FOUND");
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }
    const reply = typeof handler === "function" ? handler(body) : handler;
    const headers = { "Content-Type": "application/json", ...reply.headers };
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers,
    });
  };
}
