import {
  type MemberState,
  type MigrationCreateRequest,
  type MigrationLinkRequest,
  type MigrationState,
  memberStateSchema,
  migrationConfirmResponseSchema,
  migrationCreateResponseSchema,
  migrationEmailResponseSchema,
  migrationStateSchema,
  SECRET_QUESTIONS,
  secretQuestionsResponseSchema,
} from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../../lib/api";
import { useNavigateAndWait } from "../../lib/navigation";
import type { Notice } from "../../lib/notices";
import { SESSION_KEY, startSession } from "../../lib/session";
import { afterEmailChosen } from "./wizard-steps";

export const MIGRATION_KEY = ["migration"] as const;

/** GET /api/migration: the server decides which step shows. */
export function useMigrationState() {
  return useQuery({
    queryKey: MIGRATION_KEY,
    queryFn: ({ signal }) => api.get("/api/migration", migrationStateSchema, signal),
    staleTime: 0,
  });
}

/** Step 1: the server remembers the address and moves to "security" or "link". */
export function useChooseEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) =>
      api.post("/api/migration/email", { email }, migrationEmailResponseSchema),
    onSuccess: ({ next }, email) => {
      // Step 2 shows the address just accepted, even if the state cannot be fetched again.
      queryClient.setQueryData<MigrationState>(MIGRATION_KEY, (state) =>
        state ? afterEmailChosen(state, email, next) : state,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: MIGRATION_KEY }),
        queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      ]);
    },
  });
}

/**
 * The server refused step 2 for its address: taken meanwhile, or no longer the one it
 * holds for step 1 (changed in another tab). The wizard shows the server's state again.
 */
function refusedAddress(error: Error): boolean {
  return (
    isApiError(error, "EMAIL_TAKEN") ||
    (isApiError(error, "VALIDATION_ERROR") && error.fields?.email !== undefined)
  );
}

/**
 * The migration is over and the session upgraded: show the Espace with its success
 * message. The wizard is left before the session cache changes, so that its guard does
 * not send the member elsewhere first.
 */
export function useFinishMigration() {
  const queryClient = useQueryClient();
  const navigate = useNavigateAndWait();
  return async (member: MemberState) => {
    const notice: Notice = { notice: "migrated", email: member.email };
    await navigate(PAGES.memberArea, { replace: true, state: notice });
    startSession(queryClient, member);
  };
}

/** Step 2 (create): 200 when the migration is done, 202 when a validation email left. */
export function useCreateIdentity() {
  const queryClient = useQueryClient();
  const finish = useFinishMigration();
  return useMutation({
    mutationFn: (body: MigrationCreateRequest) =>
      api.post("/api/migration/create", body, migrationCreateResponseSchema),
    onSuccess: async (result) => {
      if (result.state === "member") return finish(result);
      queryClient.setQueryData(MIGRATION_KEY, result);
      queryClient.setQueryData(SESSION_KEY, result);
    },
    onError: (error) => {
      if (refusedAddress(error)) void queryClient.invalidateQueries({ queryKey: MIGRATION_KEY });
    },
  });
}

/** Step 2 (link): the existing identity's password ends the migration. */
export function useLinkIdentity() {
  const queryClient = useQueryClient();
  const finish = useFinishMigration();
  return useMutation({
    mutationFn: (body: MigrationLinkRequest) =>
      api.post("/api/migration/link", body, memberStateSchema),
    onSuccess: (member) => finish(member),
    onError: (error) => {
      if (refusedAddress(error)) void queryClient.invalidateQueries({ queryKey: MIGRATION_KEY });
    },
  });
}

/**
 * Step 3: a new validation email (throttled by the server: RATE_LIMITED). EMAIL_TAKEN
 * means another Espace validated the address meanwhile and the server went back to step 1.
 */
export function useResendValidation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/api/migration/resend", {}),
    onError: (error) => {
      if (!isApiError(error, "EMAIL_TAKEN")) return;
      void queryClient.invalidateQueries({ queryKey: MIGRATION_KEY });
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

/**
 * `/validation-email`: the emailed link completes the migration. With the wizard's own
 * session the answer is the upgraded member session; elsewhere only that the address is
 * validated (a link alone never signs in).
 */
export function useConfirmValidation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api.post("/api/migration/confirm", { token }, migrationConfirmResponseSchema),
    onSuccess: (result) => {
      // A member session is started by useFinishMigration, which also leaves the page.
      if (result.state === "anonymous")
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => {
      // EMAIL_TAKEN put a wizard of this browser back at step 1.
      if (isApiError(error, "EMAIL_TAKEN")) {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
        void queryClient.invalidateQueries({ queryKey: MIGRATION_KEY });
      }
    },
  });
}

export function useSecretQuestions() {
  return useQuery({
    queryKey: ["secret-questions"],
    queryFn: ({ signal }) =>
      api.get("/api/secret-questions", secretQuestionsResponseSchema, signal),
    staleTime: Number.POSITIVE_INFINITY,
    // The same fixed list the server serves: the select is usable at once.
    placeholderData: SECRET_QUESTIONS.map((q) => ({ id: q.id, label: q.label })),
  });
}
