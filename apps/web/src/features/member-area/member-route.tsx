import { RequireSession } from "../../app/guards";
import { MemberPage } from "./member-page";

/** /espace: the member area, for a member's session only (the guard in the page's chunk). */
export function MemberRoute() {
  return (
    <RequireSession state="member">
      <MemberPage />
    </RequireSession>
  );
}
