import type { StaffMe } from "@mgen/contracts/staff";
import { type Answer, fakeFetch, type Route } from "@mgen/ui/fake-api";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { AppRoutes } from "../app/router";
import { CONSOLE_BASE } from "../lib/pages";
import { createQueryClient } from "../lib/query-client";

export type { Answer, Call, Route } from "@mgen/ui/fake-api";

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

/** Replaces `fetch` with a fake staff API (`@mgen/ui/fake-api`) answering `routes`. */
export function fakeApi(routes: Record<string, Route>) {
  const api = fakeFetch(routes);
  vi.stubGlobal("fetch", vi.fn(api.fetch));
  return { calls: api.calls, to: api.to };
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
