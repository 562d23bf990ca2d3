import { Alert, Loading } from "@mgen/ui/messages";
import { Navigate, Outlet, useLocation } from "react-router";
import type { RedirectState } from "../lib/notices";
import { CONSOLE_PAGES } from "../lib/pages";
import { useMe, useStaffSession } from "../lib/session";

/**
 * Shows the pages below to a signed-in adviser only. Anyone else goes to the sign-in
 * page, told why when their session ended ("Votre session a expiré"), and comes back
 * here once signed in.
 */
export function RequireStaff() {
  const session = useStaffSession();
  const location = useLocation();

  if (session.data?.state === "signed-in") return <Outlet />;
  if (session.data?.state === "signed-out") {
    const { reason } = session.data;
    const state: RedirectState = {};
    if (reason) state.notice = reason;
    if (reason !== "signed-out") {
      state.from = `${location.pathname}${location.search}`;
      const search = (location.state as { q?: unknown } | null)?.q;
      if (typeof search === "string" && search !== "") state.search = search;
    }
    return <Navigate to={CONSOLE_PAGES.signIn} replace state={state} />;
  }
  if (session.isError) {
    return (
      <Alert>
        <p>{session.error.message}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          Réessayer
        </button>
      </Alert>
    );
  }
  return <Loading />;
}

/** Below RequireStaff: the superviseurs' pages; a conseiller is sent to the search. */
export function RequireSuperviseur() {
  const me = useMe();
  if (me?.role === "superviseur") return <Outlet />;
  const state: RedirectState = { notice: "superviseur-only" };
  return <Navigate to={CONSOLE_PAGES.search} replace state={state} />;
}
