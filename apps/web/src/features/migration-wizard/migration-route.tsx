import { RequireSession } from "../../app/guards";
import { MigrationPage } from "./migration-page";

/**
 * /migration: the wizard, for a NIR session only. The guard is in the page's chunk, not
 * in the first download: it is the only code of the sign-in page's bundle that read a
 * query (TanStack Query's observer), and the sign-in page never needed it (issue 17).
 */
export function MigrationRoute() {
  return (
    <RequireSession state="migration">
      <MigrationPage />
    </RequireSession>
  );
}
