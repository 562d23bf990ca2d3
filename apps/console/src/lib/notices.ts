/**
 * One-off messages carried by the router's location state from one page to the next,
 * never in the URL: a reload or a shared link must not show them out of context.
 */
export type Notice = "expired" | "signed-out" | "superviseur-only";

/** Where a guard came from and why, as the location state of the page it sends to. */
export type RedirectState = {
  notice?: Notice;
  from?: string;
  /** The search the page was showing, given back to it after signing in again. */
  search?: string;
};

export function readRedirectState(state: unknown): RedirectState {
  if (typeof state !== "object" || state === null) return {};
  const { notice, from, search } = state as { notice?: unknown; from?: unknown; search?: unknown };
  const result: RedirectState = {};
  if (notice === "expired" || notice === "signed-out" || notice === "superviseur-only") {
    result.notice = notice;
  }
  // Only a path of this console: never a way out of it.
  if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//")) {
    result.from = from;
  }
  if (typeof search === "string" && search.length <= 100) result.search = search;
  return result;
}

export const NOTICE_TEXT: Record<Notice, string> = {
  expired: "Votre session a expiré : connectez-vous à nouveau.",
  "signed-out": "Vous êtes déconnecté(e).",
  "superviseur-only": "Cette page est réservée aux superviseurs.",
};
