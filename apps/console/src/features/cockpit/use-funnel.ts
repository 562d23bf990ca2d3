import type { Funnel, StuckState } from "@mgen/contracts/staff";
import { useQuery } from "@tanstack/react-query";
import { api, withQuery } from "../../lib/api";

/** How often the cockpit asks again while it is on screen (not in a hidden tab). */
export const FUNNEL_REFRESH_MS = 30_000;

/** `GET /api/staff/funnel`: the funnel, the last 30 days and the projection. */
export function useFunnel() {
  return useQuery({
    queryKey: ["funnel"],
    queryFn: ({ signal }) => api.get<Funnel>("/api/staff/funnel", signal),
    refetchInterval: FUNNEL_REFRESH_MS,
  });
}

/**
 * The members stuck in `state`, as CSV (`;`, UTF-8): a plain download with the staff
 * cookie, like the journal's export, which the BFF writes to the journal.
 */
export function stuckCsvHref(state: StuckState): string {
  return withQuery("/api/staff/funnel/stuck.csv", { state });
}
