import { Alert } from "@mgen/ui/messages";
import { useSignOut } from "../lib/session";

/** "Se déconnecter": ends the session on the server, then shows the sign-in page. */
export function SignOutButton({ secondary = false }: { secondary?: boolean }) {
  const signOut = useSignOut();
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className={secondary ? "button button--secondary" : "button"}
          onClick={() => signOut.mutate()}
        >
          Se déconnecter
        </button>
      </div>
      {signOut.isError ? (
        <Alert>
          <p>{signOut.error.message}</p>
        </Alert>
      ) : null}
    </>
  );
}
