import { ERROR_MESSAGES } from "@mgen/contracts";
import { type ApiError, isApiError } from "../../lib/api";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { MISSING_TOKEN } from "../../lib/link-token";

export type ResetField = "password" | "secretAnswer";

/** What the reset page does with a refused request. */
export type ResetProblem =
  /** The link is spent, voided, expired or cut short: ask for a new one. */
  | { kind: "invalid-link"; message: string }
  /** Messages for the form's fields, and one for the whole form when it says more. */
  | { kind: "fields"; fields: Partial<Record<ResetField, string>>; alert?: string }
  | { kind: "alert"; message: string; help?: { label: string; to: string } }
  /** Too many wrong secret answers for this identity: only an adviser can help now. */
  | { kind: "locked"; message: string };

/** A refused `POST /api/connect/reset-password/inspect` or `/api/connect/reset-password`. */
export function describeResetError(error: ApiError | Error): ResetProblem {
  if (!isApiError(error)) return { kind: "alert", message: ERROR_MESSAGES.INTERNAL };
  switch (error.code) {
    case "TOKEN_INVALID":
      return { kind: "invalid-link", message: error.message };
    case "WEAK_PASSWORD":
      return { kind: "fields", fields: { password: error.fields?.password ?? error.message } };
    case "WRONG_SECRET_ANSWER": {
      const onField = error.fields?.secretAnswer;
      // The general message matters when it says more than the field (a lock, a new link).
      const saysMore =
        onField !== undefined && error.message !== ERROR_MESSAGES.WRONG_SECRET_ANSWER;
      return {
        kind: "fields",
        fields: { secretAnswer: onField ?? error.message },
        ...(saysMore ? { alert: error.message } : {}),
      };
    }
    case "VALIDATION_ERROR": {
      if (error.fields?.token) return { kind: "invalid-link", message: MISSING_TOKEN };
      const fields: Partial<Record<ResetField, string>> = {};
      if (error.fields?.password) fields.password = error.fields.password;
      if (error.fields?.secretAnswer) fields.secretAnswer = error.fields.secretAnswer;
      if (Object.keys(fields).length > 0) return { kind: "fields", fields };
      return { kind: "alert", message: error.message };
    }
    case "ACCOUNT_LOCKED":
      return { kind: "locked", message: error.message };
    case "IDENTITY_LOCKED":
      return {
        kind: "alert",
        message: error.message,
        help: {
          label: "Aide : identifiant MGEN Connect bloqué",
          to: helpHref(HELP_SECTIONS.identityLocked),
        },
      };
    default:
      return { kind: "alert", message: error.message };
  }
}
