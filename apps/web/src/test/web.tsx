import type { MemberState, MigrationState, SessionState } from "@mgen/contracts";
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, SECRET_QUESTIONS } from "@mgen/contracts";
import { type Answer, fakeFetch, type Route } from "@mgen/ui/fake-api";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useLocation } from "react-router";
import { expect, vi } from "vitest";
import { AppRoutes } from "../app/router";
import { createQueryClient } from "../lib/query-client";

export type { Answer, Call, Route } from "@mgen/ui/fake-api";

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

/** Replaces `fetch` with a fake BFF (`@mgen/ui/fake-api`) answering `routes` and DEFAULTS. */
export function fakeApi(routes: Record<string, Route>) {
  const api = fakeFetch({ ...DEFAULTS, ...routes });
  vi.stubGlobal("fetch", vi.fn(api.fetch));
  return { calls: api.calls, to: api.to };
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

/**
 * The wizard went back to step 1 because another Espace took the address meanwhile: the
 * step heading shows and the address field is described by the server's reason.
 */
export async function expectBackAtStepOneAddressTaken(): Promise<void> {
  expect(
    await screen.findByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
  ).toBeVisible();
  await waitFor(() =>
    expect(screen.getByRole("textbox", { name: "Adresse email" })).toHaveAccessibleDescription(
      expect.stringContaining(
        "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
      ),
    ),
  );
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
