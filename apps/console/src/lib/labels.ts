import type { StaffAction, StaffRole } from "@mgen/contracts/staff";

/** The words of the console for the API's names; an unknown name is shown as it is. */

export const ROLE_LABELS: Record<StaffRole, string> = {
  conseiller: "Conseiller",
  superviseur: "Superviseur",
};

export const ACTION_LABELS: Record<StaffAction, string> = {
  "staff.login": "Connexion à la console",
  "staff.search": "Recherche d'un adhérent",
  "staff.unlock": "Déblocage",
  "staff.send_reset": "Envoi d'un lien de réinitialisation",
  "staff.resend_validation": "Renvoi du lien de validation",
  "staff.cancel_pending": "Annulation d'une migration en attente",
  "staff.contact_email": "Correction de l'adresse de contact",
  "staff.end_sessions": "Fermeture des sessions",
  "staff.export": "Export CSV",
};

/** The member's security events (SPEC "Security events"). */
const EVENT_LABELS: Record<string, string> = {
  "login.succeeded": "Connexion réussie",
  "login.failed": "Connexion refusée",
  "account.locked": "Compte bloqué",
  "account.unlocked": "Compte débloqué",
  "password.reset_requested": "Réinitialisation du mot de passe demandée",
  "password.reset_completed": "Mot de passe réinitialisé",
  "migration.started": "Migration commencée",
  "migration.cancelled": "Migration annulée",
  "migration.completed": "Migration terminée",
  "identity.linked": "Identifiant MGEN Connect associé",
  "session.ended": "Sessions fermées",
  ...ACTION_LABELS,
};

const CHANNEL_LABELS: Record<string, string> = {
  nir: "Numéro de sécurité sociale",
  email: "Adresse email",
  link: "Lien reçu par email",
  staff: "Conseiller",
};

const OUTCOME_LABELS: Record<string, string> = {
  ok: "Réussie",
  success: "Réussie",
  succeeded: "Réussie",
  failed: "Échouée",
  failure: "Échouée",
  refused: "Refusée",
  denied: "Refusée",
};

function labelOf(labels: Record<string, string>, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] ?? name) : name;
}

export const eventLabel = (event: string) => labelOf(EVENT_LABELS, event);
export const channelLabel = (channel: string) => labelOf(CHANNEL_LABELS, channel);
export const actionLabel = (action: string) => labelOf(ACTION_LABELS, action);
export const outcomeLabel = (outcome: string) => labelOf(OUTCOME_LABELS, outcome);
