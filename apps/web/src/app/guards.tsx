import { Navigate, Outlet } from "react-router";
import { useSession } from "../lib/session";
import { Alert, Loading } from "../ui/messages";

/**
 * Shows the pages below only to a session in `state`. A cached state that does not match
 * is checked with the server before redirecting: a sign-in or a finished migration may
 * have changed it a moment ago.
 */
export function RequireSession({ state }: { state: "migration" | "member" }) {
  const session = useSession();
  if (session.data?.state === state) return <Outlet />;
  if (session.isPending || session.isFetching) return <Loading />;
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
  return <Navigate to="/connexion" replace />;
}
