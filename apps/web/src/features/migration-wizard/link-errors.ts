import type { ApiError } from "../../lib/api";
import { HELP_SECTIONS, type HelpSection, helpHref } from "../../lib/help";

type HelpLink = { label: string; to: string };

/**
 * Why linking an existing MGEN Connect identity was refused. "retry" keeps the form;
 * "blocked" replaces it: the member must first reset the identity's password (the
 * server has just emailed the link), then start again by NIR.
 */
export type LinkProblem =
  | { kind: "retry"; message: string; help?: HelpLink }
  | { kind: "blocked"; message: string; help: HelpLink };

function help(label: string, section: HelpSection): HelpLink {
  return { label, to: helpHref(section) };
}

const RESTART =
  "Ensuite, reconnectez-vous avec votre numéro de sécurité sociale pour recommencer la procédure de changement d'identifiant.";

export function describeLinkError(error: ApiError): LinkProblem {
  switch (error.code) {
    case "INVALID_CREDENTIALS":
      return {
        kind: "retry",
        message:
          "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
        help: help(
          "Aide : mot de passe MGEN Connect oublié",
          HELP_SECTIONS.connectPasswordForgotten,
        ),
      };
    case "IDENTITY_NOT_VALIDATED":
      return {
        kind: "blocked",
        message: `Votre identifiant MGEN Connect n'a pas été validé. Nous venons de vous envoyer un email avec un lien pour réinitialiser votre mot de passe : le suivre validera aussi votre adresse. ${RESTART}`,
        help: help(
          "Aide : identifiant MGEN Connect non validé",
          HELP_SECTIONS.identityNotValidated,
        ),
      };
    case "IDENTITY_LOCKED":
      return {
        kind: "blocked",
        message: `Votre identifiant MGEN Connect est bloqué. Vous allez recevoir un lien par email pour réinitialiser votre mot de passe. ${RESTART}`,
        help: help("Aide : identifiant MGEN Connect bloqué", HELP_SECTIONS.identityLocked),
      };
    default:
      return { kind: "retry", message: error.message };
  }
}
