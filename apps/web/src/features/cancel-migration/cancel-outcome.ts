import type { MigrationCancelResponse } from "@mgen/contracts";
import { type ApiError, isApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";
import { retryHint } from "../../lib/rate-limit";

/** What `/annuler-changement-identifiant` shows, before and after the member's click. */
export type CancelView =
  /** The link is read; nothing is sent until the member clicks (SPEC "Links"). */
  | { kind: "ready" }
  | { kind: "sending" }
  | { kind: "cancelled" }
  | { kind: "invalid"; message: string }
  | { kind: "failed"; message: string; hint: string | null };

/**
 * A spent, replaced or expired cancel link. The server's own TOKEN_INVALID message ends
 * with "Demandez-en un nouveau", which nobody can do for this link.
 */
export const CANCEL_LINK_INVALID =
  "Ce lien n'est plus valable : il a déjà servi, il a été remplacé par un lien plus récent ou il a expiré.";

/** `sent`: the member clicked "Annuler cette demande" (the request has started). */
export function cancelView(
  token: string,
  sent: boolean,
  result: MigrationCancelResponse | undefined,
  error: ApiError | Error | null,
): CancelView {
  if (!token) return { kind: "invalid", message: MISSING_TOKEN };
  if (!sent) return { kind: "ready" };
  if (result) return { kind: "cancelled" };
  if (error) {
    if (isApiError(error, "TOKEN_INVALID"))
      return { kind: "invalid", message: CANCEL_LINK_INVALID };
    // A malformed token is a link cut short, not a server failure.
    if (isApiError(error, "VALIDATION_ERROR")) return { kind: "invalid", message: MISSING_TOKEN };
    return { kind: "failed", message: error.message, hint: retryHint(error) };
  }
  return { kind: "sending" };
}

export const CANCEL_TITLES: Record<CancelView["kind"], string> = {
  ready: "Demande de changement d'identifiant",
  sending: "Demande de changement d'identifiant",
  cancelled: "La demande est annulée",
  invalid: "Ce lien n'est plus valable",
  failed: "L'annulation n'a pas abouti",
};
