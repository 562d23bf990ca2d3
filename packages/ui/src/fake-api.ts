/**
 * For the SPAs' component tests only (never imported by a page): a fake BFF behind
 * `fetch`. Routes are "METHOD /path" (no query); a route given a list answers its items in
 * turn, the last one for every later call; a function answers from the request's body and
 * address. Every call is kept, so that a test can check what was sent, and what was never
 * sent. A call to a route the test did not give fails at once, rather than passing for a
 * network failure. Each app's test kit installs `fetch` (`vi.stubGlobal`).
 */

/** What the fake BFF answers: a status, a JSON body (none for 204) and headers. */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (body: unknown, url: URL) => Answer;
export type Route = Answer | Answer[] | Handler;

export type Call = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
};

export function fakeFetch(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const served = new Map<string, number>();
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), "http://localhost");
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      headers: { ...(init.headers as Record<string, string>) },
      credentials: init.credentials,
    });
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) throw new Error(`fake API: no route for ${key}`);
    let answer: Answer;
    if (typeof route === "function") answer = route(body, url);
    else if (Array.isArray(route)) {
      const n = served.get(key) ?? 0;
      served.set(key, n + 1);
      answer = route[Math.min(n, route.length - 1)] as Answer;
    } else answer = route;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": "application/json", ...answer.headers },
    });
  };
  return {
    fetch,
    calls,
    /** The calls made to "METHOD /path". */
    to: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}
