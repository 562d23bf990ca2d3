import type { SessionState } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { BrowserRouter } from "react-router";
import { preloadAnswers } from "../lib/api";
import { navigateAndWait } from "../lib/navigation";
import type { Notice } from "../lib/notices";
import { createQueryClient } from "../lib/query-client";
import { endSession, SESSION_KEY } from "../lib/session";
import { AppRoutes } from "./router";

const queryClient = createQueryClient({
  // The server dropped a session we believed open (idle too long): say so on /connexion.
  onUnauthenticated: () => {
    const session = queryClient.getQueryData<SessionState>(SESSION_KEY);
    if (!session || session.state === "anonymous") return;
    const notice: Notice = { notice: "expired" };
    void navigateAndWait(PAGES.signIn, { replace: true, state: notice }).then(() =>
      endSession(queryClient),
    );
  },
});

export function App() {
  return (
    <AppProviders>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}

/**
 * What every page renders in, around the router: the browser's (App) or, at build time,
 * the one `prerender.tsx` gives the sign-in page (ADR 026).
 */
export function AppProviders({ children }: { children: ReactNode }) {
  // Not in the first download (ADR 012), but wanted by the first request: fetched as soon
  // as the first screen shows.
  useEffect(preloadAnswers, []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
