import type { StaffMemberPage, StaffRole } from "@mgen/contracts/staff";
import type { MemberAction } from "./action-form";

/** What was unlocked, in the words of the status message. */
function unlockedText(member: StaffMemberPage): string {
  if (member.espaceLocked && member.identityLocked) {
    return "Espace et identifiant MGEN Connect débloqués. L'adhérent en est informé par email.";
  }
  if (member.identityLocked) {
    return "Identifiant MGEN Connect débloqué. L'adhérent en est informé par email.";
  }
  return "Espace débloqué. L'adhérent en est informé par email.";
}

function lockedText(member: StaffMemberPage): string {
  if (member.espaceLocked && member.identityLocked) {
    return "L'Espace personnel et l'identifiant MGEN Connect sont bloqués.";
  }
  return member.identityLocked
    ? "L'identifiant MGEN Connect est bloqué."
    : "L'Espace personnel est bloqué.";
}

/**
 * The actions this member's page offers this adviser, in the order an adviser on the
 * phone reaches for them. An action that cannot apply is not shown.
 */
export function memberActions(member: StaffMemberPage, role: StaffRole): MemberAction[] {
  const actions: MemberAction[] = [];
  if (member.espaceLocked || member.identityLocked) {
    actions.push({
      path: "unlock",
      title: "Déblocage",
      description: `${lockedText(member)} L'adhérent sera prévenu par email.`,
      button: "Débloquer",
      done: unlockedText(member),
    });
  }
  const resetTo = member.identifier ?? member.contactEmail;
  actions.push({
    path: "send-reset",
    title: "Mot de passe oublié",
    description: resetTo
      ? `Un lien pour choisir un nouveau mot de passe est envoyé à ${resetTo}. Vous ne voyez ni ne choisissez jamais le mot de passe.`
      : "Un lien pour choisir un nouveau mot de passe est envoyé à l'adresse connue. Vous ne voyez ni ne choisissez jamais le mot de passe.",
    button: "Envoyer un lien de réinitialisation",
    done: "Lien de réinitialisation envoyé.",
  });
  if (member.pending) {
    actions.push(
      {
        path: "resend-validation",
        title: "Lien de validation",
        description: `Un nouveau lien de validation est envoyé à ${member.pending.email} ; les liens précédents ne servent plus.`,
        button: "Renvoyer le lien de validation",
        done: "Lien de validation renvoyé.",
      },
      {
        path: "cancel-pending",
        title: "Migration en attente",
        description: `L'adhérent garde son Espace personnel tel quel ; l'adresse ${member.pending.email} n'est plus réservée.`,
        button: "Annuler la migration en attente",
        done: "Migration en attente annulée.",
      },
    );
  }
  if (role === "superviseur") {
    actions.push({
      path: "contact-email",
      title: "Adresse de contact",
      description: "L'ancienne adresse est prévenue du changement.",
      button: "Corriger l'adresse de contact",
      done: "Adresse de contact corrigée. L'ancienne adresse en est informée.",
      withEmail: true,
    });
  }
  actions.push({
    path: "end-sessions",
    title: "Sessions ouvertes",
    description: "L'adhérent devra se reconnecter sur tous ses appareils.",
    button: "Fermer toutes les sessions",
    done: "Sessions fermées.",
  });
  return actions;
}
