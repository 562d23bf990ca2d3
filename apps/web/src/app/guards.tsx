import { PAGES } from "@mgen/contracts/rules";
import { Alert, Loading } from "@mgen/ui/messages";
import { type ReactNode, useEffect, useState } from "react";
import { Navigate, Outlet } from "react-router";
import { useSession } from "../lib/session";

/** Where a session of each state belongs. */
const HOME = {
  anonymous: PAGES.signIn,
  migration: PAGES.migration,
  member: PAGES.memberArea,
} as const;

/**
 * Shows its page (`children`, else the routes below) only to a session in `state`. A
 * cached state that does not match is checked with the server once before redirecting: a
 * sign-in or a finished migration may have changed it a moment ago. A session in another
 * state is sent where it belongs.
 */
export function RequireSession({
  state,
  children,
}: {
  state: "migration" | "member";
  children?: ReactNode;
}) {
  const session = useSession();
  const [rechecked, setRechecked] = useState(false);
  const mismatch = session.data !== undefined && session.data.state !== state;
  const { refetch } = session;

  useEffect(() => {
    if (!mismatch || rechecked) return;
    void refetch().finally(() => setRechecked(true));
  }, [mismatch, rechecked, refetch]);

  if (session.data?.state === state) return children ?? <Outlet />;
  if (session.isPending || session.isFetching || (mismatch && !rechecked)) return <Loading />;
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
  return <Navigate to={HOME[session.data?.state ?? "anonymous"]} replace />;
}
