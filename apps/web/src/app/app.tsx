import type { SessionState } from "@mgen/contracts";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router/dom";
import type { Notice } from "../lib/notices";
import { createQueryClient } from "../lib/query-client";
import { endSession, SESSION_KEY } from "../lib/session";
import { createRouter } from "./router";

const router = createRouter();

const queryClient = createQueryClient({
  // The server dropped a session we believed open (idle too long): say so on /connexion.
  onUnauthenticated: () => {
    const session = queryClient.getQueryData<SessionState>(SESSION_KEY);
    if (!session || session.state === "anonymous") return;
    const notice: Notice = { notice: "expired" };
    void router
      .navigate("/connexion", { replace: true, state: notice, flushSync: true })
      .then(() => endSession(queryClient));
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
