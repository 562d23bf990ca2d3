import type { MigrationEmailResponse, MigrationState, MigrationStep } from "@mgen/contracts";

export const WIZARD_STEPS = ["Identifiant", "Sécurité", "Confirmation"] as const;

const NUMBER: Record<MigrationStep, 1 | 2 | 3> = { email: 1, security: 2, link: 2, pending: 3 };

/**
 * Which screen of the wizard shows. The server's step decides, except while the member
 * is changing the address (a local "editing" back to step 1) and when a later step has
 * no chosen address to build on.
 */
export function wizardView(
  state: Pick<MigrationState, "step" | "proposedEmail" | "pendingEmail">,
  editing: boolean,
): MigrationStep {
  if (editing) return "email";
  if ((state.step === "security" || state.step === "link") && !state.proposedEmail) return "email";
  if (state.step === "pending" && !state.pendingEmail) return "email";
  return state.step;
}

export function stepNumber(view: MigrationStep): 1 | 2 | 3 {
  return NUMBER[view];
}

/** "Étape 2 sur 3 – Sécurité": the step heading and the start of the document title. */
export function stepTitle(view: MigrationStep): string {
  const number = NUMBER[view];
  return `Étape ${number} sur ${WIZARD_STEPS.length} – ${WIZARD_STEPS[number - 1]}`;
}

/**
 * The wizard's state once the server accepted `email` at step 1: step 2 is built on this
 * very address. Creating or linking with any other is refused by the server.
 */
export function afterEmailChosen(
  state: MigrationState,
  email: string,
  next: MigrationEmailResponse["next"],
): MigrationState {
  // Choosing an address abandons a pending validation.
  const { pendingEmail: _abandoned, ...rest } = state;
  return { ...rest, proposedEmail: email, step: next === "create" ? "security" : "link" };
}
