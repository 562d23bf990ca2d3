import type { MigrationConfirmResponse } from "@mgen/contracts";
import { type ApiError, isApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";

/** What `/validation-email` shows, before and after the member sends its link. */
export type ConfirmView =
  /** The link is read, nothing is sent until the member clicks (SPEC "Links"). */
  | { kind: "ready" }
  | { kind: "checking" }
  | { kind: "signed-in"; email: string }
  | { kind: "validated"; email: string }
  | { kind: "invalid"; message: string }
  | { kind: "taken" }
  | { kind: "failed"; message: string };

/** `sent`: the member clicked "Valider mon adresse" (the request has started). */
export function confirmView(
  token: string,
  sent: boolean,
  result: MigrationConfirmResponse | undefined,
  error: ApiError | Error | null,
): ConfirmView {
  if (!token) return { kind: "invalid", message: MISSING_TOKEN };
  if (!sent) return { kind: "ready" };
  if (result?.state === "member") return { kind: "signed-in", email: result.email };
  if (result?.state === "anonymous") {
    return { kind: "validated", email: result.validatedEmail ?? "" };
  }
  if (error) {
    if (isApiError(error, "TOKEN_INVALID")) return { kind: "invalid", message: error.message };
    // A malformed token is a link cut short, not a server failure.
    if (isApiError(error, "VALIDATION_ERROR")) return { kind: "invalid", message: MISSING_TOKEN };
    if (isApiError(error, "EMAIL_TAKEN")) return { kind: "taken" };
    return { kind: "failed", message: error.message };
  }
  return { kind: "checking" };
}

export function confirmTitle(view: ConfirmView): string {
  switch (view.kind) {
    case "ready":
    case "checking":
    case "signed-in":
      return "Validation de votre adresse email";
    case "validated":
      return "Votre adresse email est validée";
    case "invalid":
      return "Ce lien n'est plus valable";
    case "taken":
      return "Cette adresse est déjà utilisée";
    case "failed":
      return "La validation n'a pas abouti";
  }
}
