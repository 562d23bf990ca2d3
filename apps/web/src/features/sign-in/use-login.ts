import type { SessionState } from "@mgen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { startSession } from "../../lib/session";
import type { LoginRequest } from "./sign-in-schema";

/** POST /api/login/nir or /api/login/email; the answer is the new session's state. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: LoginRequest): Promise<SessionState> =>
      request.kind === "nir"
        ? api.post(request.path, request.body, (answers) => answers.migrationStateSchema)
        : api.post(request.path, request.body, (answers) => answers.memberStateSchema),
    onSuccess: (session) => startSession(queryClient, session),
  });
}
