import { ERROR_MESSAGES, PAGES } from "@mgen/contracts/rules";
import type { ApiError } from "../../lib/api";
import { HELP_SECTIONS, helpHref } from "../../lib/help";

// Loaded with the wording, after the first paint (sign-in-page.tsx).
export { ErrorSummary } from "../../ui/error-summary";
export { SignInErrorAlert } from "./sign-in-error-alert";

export type ProblemLink = { label: string; to: string };

/** A link of the alert that stays on the form: it empties the identifier and focuses it. */
export type ProblemAction = { kind: "switch-identifier"; label: string };

export type SignInProblem = {
  message: string;
  /** A second sentence: what happens next if nothing changes. */
  note?: string;
  links: ProblemLink[];
  action?: ProblemAction;
};

const CONNECT_RESET: ProblemLink = {
  label: "Réinitialiser mon mot de passe MGEN Connect",
  to: PAGES.connectForgotPassword,
};

/**
 * The alert shown above the sign-in form for a refused sign-in: what happened, the way
 * out, and the help section about it. Codes without a dedicated text show the server's
 * message (throttling, unexpected errors…).
 */
export function describeSignInError(error: ApiError, kind: "nir" | "email"): SignInProblem {
  switch (error.code) {
    case "INVALID_CREDENTIALS":
      return kind === "nir"
        ? {
            message: "Numéro de sécurité sociale ou mot de passe incorrect.",
            note: "Au bout de 5 erreurs, votre compte sera bloqué.",
            links: [
              { label: "Mot de passe oublié ?", to: PAGES.legacyForgotPassword },
              {
                label: "Aide : mot de passe oublié",
                to: helpHref(HELP_SECTIONS.passwordForgotten),
              },
            ],
          }
        : {
            message: "Adresse email ou mot de passe incorrect.",
            note: "Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
            links: [
              { label: "Mot de passe MGEN Connect oublié ?", to: PAGES.connectForgotPassword },
              {
                label: "Aide : mot de passe MGEN Connect oublié",
                to: helpHref(HELP_SECTIONS.connectPasswordForgotten),
              },
            ],
          };
    // The server's words: they say whether an email with the way out was just sent.
    case "ACCOUNT_LOCKED":
      return {
        message: error.message,
        links: [
          { label: "Débloquer mon compte", to: PAGES.legacyUnlock },
          { label: "Aide : compte bloqué", to: helpHref(HELP_SECTIONS.accountLocked) },
        ],
      };
    case "ALREADY_MIGRATED":
      return {
        message: ERROR_MESSAGES.ALREADY_MIGRATED,
        action: { kind: "switch-identifier", label: "Se connecter avec mon adresse email" },
        links: [
          { label: "Mot de passe MGEN Connect oublié ?", to: PAGES.connectForgotPassword },
          {
            label: "Aide : se connecter avec son adresse email",
            to: helpHref(HELP_SECTIONS.alreadyMigrated),
          },
        ],
      };
    case "NO_PASSWORD":
      return {
        message: ERROR_MESSAGES.NO_PASSWORD,
        links: [
          { label: "Créer mon mot de passe", to: PAGES.legacyForgotPassword },
          { label: "Aide : mot de passe jamais créé", to: helpHref(HELP_SECTIONS.noPassword) },
        ],
      };
    // The server just emailed a reset link: its message says so.
    case "IDENTITY_NOT_VALIDATED":
      return {
        message: error.message,
        links: [
          CONNECT_RESET,
          {
            label: "Aide : identifiant MGEN Connect non validé",
            to: helpHref(HELP_SECTIONS.identityNotValidated),
          },
        ],
      };
    case "IDENTITY_LOCKED":
      return {
        message: error.message,
        links: [
          CONNECT_RESET,
          {
            label: "Aide : identifiant MGEN Connect bloqué",
            to: helpHref(HELP_SECTIONS.identityLocked),
          },
        ],
      };
    case "IDENTITY_NOT_LINKED":
      return {
        message: ERROR_MESSAGES.IDENTITY_NOT_LINKED,
        action: {
          kind: "switch-identifier",
          label: "Se connecter avec mon numéro de sécurité sociale",
        },
        links: [{ label: "Consulter l'aide", to: helpHref() }],
      };
    default:
      return { message: error.message, links: [] };
  }
}
