import {
  type ConnectResetPasswordRequest,
  connectInspectResponseSchema,
  connectResetResponseSchema,
  neutralMessageResponseSchema,
} from "@mgen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { SESSION_KEY } from "../../lib/session";

/** `POST /api/connect/forgot-password`: the same neutral answer whatever the address. */
export function useConnectForgotPassword() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post("/api/connect/forgot-password", { email }, neutralMessageResponseSchema),
  });
}

/** Is the emailed link still good, and does the identity have a secret question? */
export function useInspectReset() {
  return useMutation({
    mutationFn: (token: string) =>
      api.post("/api/connect/reset-password/inspect", { token }, connectInspectResponseSchema),
  });
}

/** The new password: the identity is unlocked and its address validated. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectResetPasswordRequest) =>
      api.post("/api/connect/reset-password", body, connectResetResponseSchema),
    // A new password ends the account's other sessions, maybe one of this browser.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
