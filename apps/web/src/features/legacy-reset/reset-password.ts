import { ERROR_MESSAGES, legacyResetPasswordRequestSchema } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { z } from "zod/mini";
import { type ApiError, isApiError } from "../../lib/api";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { MISSING_TOKEN } from "../../lib/link-token";
import { confirmationSchema, withMatchingConfirmation } from "../../lib/new-password";
import type { PageLink } from "./identity-request";

/** `/reinitialisation`: the new password of an Espace, twice. */
export const legacyResetFormSchema = withMatchingConfirmation(
  z.object({
    password: legacyResetPasswordRequestSchema.shape.password,
    confirmation: confirmationSchema,
  }),
);

export type LegacyResetValues = z.input<typeof legacyResetFormSchema>;
export type LegacyResetOutput = z.output<typeof legacyResetFormSchema>;

export const RESET_TITLES = {
  form: "Choisissez un nouveau mot de passe",
  invalid: "Ce lien n'est plus valable",
  done: "Votre mot de passe a été modifié",
} as const;

/** The ways out of a spent, voided or expired link. */
export const INVALID_LINK_LINKS: PageLink[] = [
  { label: "Demander un nouveau lien", to: PAGES.legacyForgotPassword },
  { label: "Aide : mot de passe oublié", to: helpHref(HELP_SECTIONS.passwordForgotten) },
];

export type LegacyResetProblem =
  | { kind: "invalid-link"; message: string }
  | { kind: "password"; message: string }
  | { kind: "alert"; message: string };

/** A refused `POST /api/legacy/reset-password`. */
export function describeLegacyResetError(error: ApiError | Error): LegacyResetProblem {
  if (!isApiError(error)) return { kind: "alert", message: ERROR_MESSAGES.INTERNAL };
  switch (error.code) {
    case "TOKEN_INVALID":
      return { kind: "invalid-link", message: error.message };
    case "WEAK_PASSWORD":
      return { kind: "password", message: error.fields?.password ?? error.message };
    case "VALIDATION_ERROR":
      // A malformed token is a link cut short, not the member's mistake.
      if (error.fields?.token) return { kind: "invalid-link", message: MISSING_TOKEN };
      if (error.fields?.password) return { kind: "password", message: error.fields.password };
      return { kind: "alert", message: error.message };
    default:
      return { kind: "alert", message: error.message };
  }
}
