import {
  type LegacyIdentityRequest,
  type LegacyResetPasswordRequest,
  neutralMessageResponseSchema,
} from "@mgen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { SESSION_KEY } from "../../lib/session";
import type { LegacyRequestKind } from "./identity-request";

/**
 * `POST /api/legacy/forgot-password` or `/api/legacy/unlock`: always the same neutral
 * answer, whatever the NIR and date of birth.
 */
export function useLegacyIdentityRequest(kind: LegacyRequestKind) {
  return useMutation({
    mutationFn: (body: LegacyIdentityRequest) =>
      api.post(`/api/legacy/${kind}`, body, neutralMessageResponseSchema),
  });
}

/** `POST /api/legacy/reset-password`: the new password unlocks the Espace. */
export function useLegacyResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    // The answer's body says nothing the page needs: only its status counts.
    mutationFn: (body: LegacyResetPasswordRequest) => api.post("/api/legacy/reset-password", body),
    // A new password ends the account's other sessions, maybe one of this browser.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
