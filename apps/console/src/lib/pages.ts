/**
 * The console's pages, relative to its base (`/console`): one module for the router and
 * the links between pages. The enrolment link that `pnpm staff:create` prints opens
 * `/console/enrolement#token=…` (the token in the fragment, never sent to a server).
 */
export const CONSOLE_BASE = "/console";

export const CONSOLE_PAGES = {
  search: "/",
  signIn: "/connexion",
  enrolment: "/enrolement",
  member: "/adherents/:id",
  audit: "/journal",
  // The migration cockpit (OPERATIONS.md §3), superviseurs only.
  cockpit: "/pilotage",
} as const;

export function memberPage(id: number | string): string {
  return `/adherents/${encodeURIComponent(String(id))}`;
}
