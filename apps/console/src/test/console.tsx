import type { StaffMe } from "@mgen/contracts/staff";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { AppRoutes } from "../app/router";
import { CONSOLE_BASE } from "../lib/pages";
import { createQueryClient } from "../lib/query-client";

/** What the fake BFF answers: a status and a JSON body (none for 204). */
export type Answer = { status: number; body?: unknown };
type Handler = (body: unknown, url: URL) => Answer;

export type Call = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
};

export const ok = (body?: unknown): Answer => ({ status: 200, body });
export const apiError = (
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
): Answer => ({ status, body: { error: { code, message, ...(fields ? { fields } : {}) } } });

export const CONSEILLER: StaffMe = {
  email: "conseiller@mgen.example",
  name: "Camille Conseil",
  role: "conseiller",
};
export const SUPERVISEUR: StaffMe = {
  email: "superviseur@mgen.example",
  name: "Sacha Superviseur",
  role: "superviseur",
};

/**
 * Replaces `fetch` with a fake staff API: routes are "METHOD /path" (no query); a route
 * given a list answers its items in turn, the last one for every later call. Every call
 * is kept, so that a test can check what was sent, and what was never sent.
 */
export function fakeApi(routes: Record<string, Answer | Answer[] | Handler>) {
  const calls: Call[] = [];
  const served = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
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
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return {
    calls,
    /** The calls made to "METHOD /path". */
    to: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}

/** The session route of a signed-in adviser, or of nobody. */
export function session(me: StaffMe | null): Answer {
  return me
    ? ok(me)
    : apiError(401, "UNAUTHENTICATED", "Votre session a expiré ou n'est pas ouverte.");
}

/** The console's routes at `path` (under /console), as the browser would show them. */
export function renderConsole(path: string | { pathname: string; state?: unknown }) {
  const queryClient = createQueryClient();
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter basename={CONSOLE_BASE} initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user, queryClient, ...view };
}
