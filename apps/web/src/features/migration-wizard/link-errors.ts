import { ERROR_MESSAGES } from "@mgen/contracts";
import type { ApiError } from "../../lib/api";
import { HELP_SECTIONS, type HelpSection, helpHref } from "../../lib/help";

export type LinkProblem = { message: string; next?: string; help?: { label: string; to: string } };

const RESTART =
  "Une fois votre nouveau mot de passe choisi, reconnectez-vous avec votre numéro de sécurité sociale pour recommencer la procédure de changement d'identifiant.";

function help(label: string, section: HelpSection) {
  return { label, to: helpHref(section) };
}

/** Why linking an existing MGEN Connect identity was refused, and what to do next. */
export function describeLinkError(error: ApiError): LinkProblem {
  switch (error.code) {
    case "INVALID_CREDENTIALS":
      return {
        message: "Mot de passe incorrect.",
        next: "Vérifiez le mot de passe de votre identifiant MGEN Connect. Après 5 erreurs, il sera bloqué.",
        help: help(
          "Aide : mot de passe MGEN Connect oublié",
          HELP_SECTIONS.connectPasswordForgotten,
        ),
      };
    case "IDENTITY_NOT_VALIDATED":
      return {
        message: ERROR_MESSAGES.IDENTITY_NOT_VALIDATED,
        next: RESTART,
        help: help(
          "Aide : identifiant MGEN Connect non validé",
          HELP_SECTIONS.identityNotValidated,
        ),
      };
    case "IDENTITY_LOCKED":
      return {
        message: ERROR_MESSAGES.IDENTITY_LOCKED,
        next: RESTART,
        help: help("Aide : identifiant MGEN Connect bloqué", HELP_SECTIONS.identityLocked),
      };
    default:
      return { message: error.message };
  }
}
