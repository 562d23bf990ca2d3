import type { MemberState, MigrationState, SessionState } from "@mgen/contracts";
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, SECRET_QUESTIONS } from "@mgen/contracts";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useLocation } from "react-router";
import { vi } from "vitest";
import { AppRoutes } from "../app/router";
import { createQueryClient } from "../lib/query-client";

/** What the fake BFF answers: a status, a JSON body (none for 204) and headers. */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (body: unknown, url: URL) => Answer;
export type Route = Answer | Answer[] | Handler;

export type Call = {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
};

export const ok = (body?: unknown): Answer =>
  body === undefined ? { status: 204 } : { status: 200, body };

/**
 * The error envelope of API.md, with the code's status: `{"error":{"code","message","fields"?}}`.
 * Without a message, the contracts' default French message of the code.
 */
export function apiError(
  code: ErrorCode,
  message: string = ERROR_MESSAGES[code],
  fields?: Record<string, string>,
): Answer {
  return {
    status: ERROR_STATUS[code],
    body: { error: { code, message, ...(fields ? { fields } : {}) } },
  };
}

/** Routes every screen may call without the test caring: the fixed list of questions. */
const DEFAULTS: Record<string, Answer> = {
  "GET /api/secret-questions": ok(SECRET_QUESTIONS.map(({ id, label }) => ({ id, label }))),
};

/**
 * Replaces `fetch` with a fake BFF: routes are "METHOD /path" (no query); a route given a
 * list answers its items in turn, the last one for every later call. Every call is kept,
 * so that a test can check what was sent, and what was never sent. A call to a route the
 * test did not give fails the test at once rather than passing for a network failure.
 */
export function fakeApi(routes: Record<string, Route>) {
  const all = { ...DEFAULTS, ...routes };
  const calls: Call[] = [];
  const served = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://localhost");
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({
      method,
      path: url.pathname,
      body,
      headers: { ...(init.headers as Record<string, string>) },
      credentials: init.credentials,
    });
    const key = `${method} ${url.pathname}`;
    const route = all[key];
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
  });
  vi.stubGlobal("fetch", fetch);
  return {
    calls,
    /** The calls made to "METHOD /path". */
    to: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}

/** Marie Dupont (SPEC demo data) right after her NIR sign-in: step 1, her contact email proposed. */
export function migrationState(overrides: Partial<MigrationState> = {}): MigrationState {
  return {
    state: "migration",
    firstName: "Marie",
    step: "email",
    proposedEmail: "marie.dupont@example.fr",
    ...overrides,
  };
}

export const MEMBER: MemberState = {
  state: "member",
  firstName: "Marie",
  email: "marie.dupont@example.fr",
};

export const ME = {
  firstName: "Marie",
  lastName: "Dupont",
  email: "marie.dupont@example.fr",
  migratedAt: "2026-11-30T09:15:00.000Z",
};

/**
 * The BFF's idea of this browser's session, as the real one keeps it: GET /api/session
 * answers it, GET /api/migration answers it while it is a NIR session (else 401, as
 * API.md says). A test's POST handlers change it with `set`, as the BFF would.
 */
export function sessionServer(initial: SessionState) {
  let session = initial;
  return {
    routes: {
      "GET /api/session": () => ok(session),
      "GET /api/migration": () =>
        session.state === "migration" ? ok(session) : apiError("UNAUTHENTICATED"),
    },
    set(next: SessionState) {
      session = next;
    },
    /** Changes the NIR session's fields (its step, its addresses). */
    update(changes: Partial<MigrationState>) {
      if (session.state !== "migration") throw new Error("not a migration session");
      session = { ...session, ...changes };
    },
  };
}

/** Where the router is, as the address bar would show it, plus the location state. */
export type Where = { pathname: string; hash: string; state: unknown };

function LocationProbe({ onChange }: { onChange: (where: Where) => void }) {
  const { pathname, hash, state } = useLocation();
  onChange({ pathname, hash, state });
  return null;
}

/**
 * The SPA's routes at `path`, as the browser would show them: the real router, layout,
 * guards, pages, hooks and api client, with a fresh query client; only `fetch` is fake.
 * `where()` tells the current address and location state.
 */
export function renderApp(path: string | { pathname: string; state?: unknown }) {
  const queryClient = createQueryClient();
  // No pause between keystrokes: each one is still its own event, handled before the next.
  const user = userEvent.setup({ delay: null });
  let current: Where = { pathname: "", hash: "", state: null };
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe
          onChange={(where) => {
            current = where;
          }}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user, queryClient, where: () => current, ...view };
}

/**
 * The migration wizard of a NIR session in `state`, once its first screen shows.
 * `routes` adds the POST routes a test needs; they may change the server's session.
 */
export async function renderWizard(
  state: MigrationState,
  routes: (server: ReturnType<typeof sessionServer>) => Record<string, Route> = () => ({}),
) {
  const server = sessionServer(state);
  const api = fakeApi({ ...server.routes, ...routes(server) });
  const view = renderApp("/migration");
  await screen.findByRole("heading", { level: 1, name: `Bonjour ${state.firstName}` });
  return { server, api, ...view };
}

/** The wizard's current step as a screen reader reads it: "2. Sécurité". */
export function currentStep(): string {
  const stepper = screen.getByRole("list", { name: "Étapes du changement d'identifiant" });
  const current = within(stepper)
    .getAllByRole("listitem")
    .find((item) => item.getAttribute("aria-current") === "step");
  if (!current) throw new Error("no current step");
  const read = (node: Node): string =>
    node instanceof Element && node.getAttribute("aria-hidden") === "true"
      ? ""
      : node.nodeType === Node.TEXT_NODE
        ? (node.textContent ?? "")
        : [...node.childNodes].map(read).join("");
  return read(current).trim();
}
