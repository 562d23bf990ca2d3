import { ERROR_MESSAGES } from "@mgen/contracts/rules";
import { type ApiError, isApiError } from "./api";
import { formatDelay } from "./dates";

/**
 * The sentence that completes a RATE_LIMITED message with the wait the server named
 * (`Retry-After`): "Vous pourrez redemander un email dans 45 secondes.", or without
 * `what`, "Vous pourrez réessayer dans 45 secondes." Null for other errors, without a
 * delay, or when the server's own message already says how long (it then differs from
 * the generic "Patientez un moment").
 */
export function retryHint(error: ApiError | Error | null, what?: string): string | null {
  if (!isApiError(error, "RATE_LIMITED") || error.retryAfter === undefined) return null;
  if (error.message !== ERROR_MESSAGES.RATE_LIMITED) return null;
  const delay = formatDelay(error.retryAfter);
  return what
    ? `Vous pourrez redemander ${what} dans ${delay}.`
    : `Vous pourrez réessayer dans ${delay}.`;
}
