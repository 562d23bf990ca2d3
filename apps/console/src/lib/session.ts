import type { StaffMe } from "@mgen/contracts/staff";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "./api";

/**
 * The staff session as the console knows it. Signed out, it remembers why, so that the
 * guard that sends the adviser to the sign-in page can tell them ("Votre session a
 * expiré", "Vous êtes déconnecté(e)").
 */
export type StaffSession =
  | { state: "signed-in"; me: StaffMe }
  | { state: "signed-out"; reason: "expired" | "signed-out" | null };

export const SESSION_KEY = ["staff-session"] as const;

/**
 * A session we believed open that the server no longer knows has expired; one already
 * over keeps its reason (several calls may answer 401 one after the other).
 */
function signedOut(queryClient: QueryClient): StaffSession {
  const before = queryClient.getQueryData<StaffSession>(SESSION_KEY);
  if (before?.state === "signed-out") return before;
  return { state: "signed-out", reason: before?.state === "signed-in" ? "expired" : null };
}

function sessionQuery(queryClient: QueryClient) {
  return {
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<StaffSession> => {
      try {
        const me = await api.get<StaffMe>("/api/staff/session", signal);
        return { state: "signed-in", me };
      } catch (error) {
        if (isApiError(error, "UNAUTHENTICATED")) return signedOut(queryClient);
        throw error;
      }
    },
    // The guards depend on it: checked again each time a guard mounts.
    staleTime: 0,
  };
}

/** `GET /api/staff/session`, asked by the guards. */
export function useStaffSession() {
  const queryClient = useQueryClient();
  return useQuery(sessionQuery(queryClient));
}

/** The session already known, without asking the server (the header). */
export function useKnownSession(): StaffSession | undefined {
  const queryClient = useQueryClient();
  return useQuery({ ...sessionQuery(queryClient), enabled: false }).data;
}

/** The signed-in adviser, below a guard. */
export function useMe(): StaffMe | null {
  const session = useKnownSession();
  return session?.state === "signed-in" ? session.me : null;
}

/** A new session: nothing cached for the previous one may show. */
export function startSession(queryClient: QueryClient, me: StaffMe): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  const session: StaffSession = { state: "signed-in", me };
  queryClient.setQueryData(SESSION_KEY, session);
}

/**
 * The session is over: what it showed is forgotten, and the guard of the page on screen
 * sends the adviser to the sign-in page with the reason.
 */
export function endSession(queryClient: QueryClient, reason?: "signed-out"): void {
  const session: StaffSession = reason ? { state: "signed-out", reason } : signedOut(queryClient);
  queryClient.setQueryData(SESSION_KEY, session);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

/** "Se déconnecter": `POST /api/staff/logout` (204), then the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/api/staff/logout"),
    onSuccess: () => endSession(queryClient, "signed-out"),
  });
}
