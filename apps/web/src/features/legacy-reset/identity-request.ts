import { ERROR_MESSAGES, legacyIdentityRequestSchema } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { z } from "zod/mini";
import { type ApiError, isApiError } from "../../lib/api";
import { birthDatePartsSchema } from "../../lib/birth-date";
import { HELP_SECTIONS, type HelpSection, helpHref } from "../../lib/help";
import { retryHint } from "../../lib/rate-limit";

export type LegacyRequestKind = "forgot-password" | "unlock";

export type PageLink = { label: string; to: string };

type Variant = {
  title: string;
  intro: string;
  submit: string;
  /** Its help section, on the form and on the neutral answer. */
  help: PageLink;
  /** The other page of the pair, for a member who landed on the wrong one. */
  other: PageLink;
};

const help = (label: string, section: HelpSection): PageLink => ({
  label,
  to: helpHref(section),
});

/** `/mot-de-passe-oublie` and `/debloquer-mon-compte` (D): one form, two wordings. */
export const VARIANTS: Record<LegacyRequestKind, Variant> = {
  "forgot-password": {
    title: "Mot de passe oublié",
    intro:
      "Indiquez votre numéro de sécurité sociale et votre date de naissance. Si ces informations correspondent à un Espace personnel, nous vous enverrons un lien pour choisir un nouveau mot de passe à votre adresse email de contact.",
    submit: "Recevoir un lien",
    help: help("Aide : mot de passe oublié", HELP_SECTIONS.passwordForgotten),
    other: { label: "Votre compte est bloqué ?", to: PAGES.legacyUnlock },
  },
  unlock: {
    title: "Débloquer mon compte",
    intro:
      "Indiquez votre numéro de sécurité sociale et votre date de naissance. Si ces informations correspondent à un Espace personnel, nous vous enverrons à votre adresse email de contact un lien pour débloquer votre compte en choisissant un nouveau mot de passe.",
    submit: "Débloquer mon compte",
    help: help("Aide : compte bloqué", HELP_SECTIONS.accountLocked),
    other: { label: "Mot de passe oublié ?", to: PAGES.legacyForgotPassword },
  },
};

export const SENT_TITLE = "Demande envoyée";

/** The NIR, checked as on the sign-in page, and the date of birth in three parts. */
export const identityFormSchema = z.object({
  nir: legacyIdentityRequestSchema.shape.nir,
  birthDate: birthDatePartsSchema,
});

export type IdentityValues = z.input<typeof identityFormSchema>;
export type IdentityOutput = z.output<typeof identityFormSchema>;

export type IdentityField = "nir" | "birthDate";

export type IdentityProblem =
  | { kind: "fields"; fields: Partial<Record<IdentityField, string>> }
  /** `hint` completes a throttling message with the wait the server named. */
  | { kind: "alert"; message: string; hint?: string };

/**
 * A refused `POST /api/legacy/forgot-password` or `/api/legacy/unlock`. The answer is the
 * same whatever the data, so only a malformed NIR or date, throttling or a failure can
 * come back here.
 */
export function describeIdentityRequestError(error: ApiError | Error): IdentityProblem {
  if (!isApiError(error)) return { kind: "alert", message: ERROR_MESSAGES.INTERNAL };
  if (error.code === "VALIDATION_ERROR") {
    const fields: Partial<Record<IdentityField, string>> = {};
    if (error.fields?.nir) fields.nir = error.fields.nir;
    if (error.fields?.birthDate) fields.birthDate = error.fields.birthDate;
    if (Object.keys(fields).length > 0) return { kind: "fields", fields };
  }
  const hint = retryHint(error, "un lien");
  return hint
    ? { kind: "alert", message: error.message, hint }
    : { kind: "alert", message: error.message };
}
