import { migrationCancelResponseSchema } from "@mgen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { SESSION_KEY } from "../../lib/session";

/**
 * `POST /api/migration/cancel`: the link sent to the contact address cancels the pending
 * change of identifier (no session needed) and voids its validation link.
 */
export function useCancelMigration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api.post("/api/migration/cancel", { token }, migrationCancelResponseSchema),
    // A wizard of this browser that was waiting at step 3 is no longer pending.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
