import type { SessionState } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { useNavigateAndWait } from "./navigation";
import type { Notice } from "./notices";

export const SESSION_KEY = ["session"] as const;
export const ANONYMOUS: SessionState = { state: "anonymous" };

const sessionQuery = {
  queryKey: SESSION_KEY,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get("/api/session", (answers) => answers.sessionStateSchema, signal),
  // The guards depend on it: always check again when a guarded page mounts.
  staleTime: 0,
};

export function useSession() {
  return useQuery(sessionQuery);
}

/** The session as the server sees it now (for a decision outside any guard). */
export function fetchSession(queryClient: QueryClient): Promise<SessionState> {
  return queryClient.fetchQuery(sessionQuery);
}

/**
 * A new session begins (sign-in, end of migration): nothing cached for the previous one
 * may show, so everything but the new session state is dropped.
 */
export function startSession(queryClient: QueryClient, session: SessionState): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

export function endSession(queryClient: QueryClient): void {
  startSession(queryClient, ANONYMOUS);
}

/** "Se déconnecter": the server forgets the session, the SPA forgets what it showed. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigateAndWait();
  return useMutation({
    mutationFn: () => api.post("/api/logout"),
    onSuccess: async () => {
      const notice: Notice = { notice: "signed-out" };
      // Leave the guarded page first (the sign-in page on screen), so that its guard never
      // sees the anonymous state and redirects on its own, losing the notice.
      await navigate(PAGES.signIn, { replace: true, state: notice });
      endSession(queryClient);
    },
  });
}
