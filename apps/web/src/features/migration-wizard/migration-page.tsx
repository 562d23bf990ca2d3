import type { MigrationState } from "@mgen/contracts";
import { Alert, Loading } from "@mgen/ui/messages";
import { useRef, useState } from "react";
import { usePageTitle } from "../../lib/page-title";
import { useFocusOnChange } from "../../lib/use-focus-on-change";
import { PageHeading } from "../../ui/page-heading";
import { SignOutButton } from "../../ui/sign-out-button";
import { Stepper } from "../../ui/stepper";
import { StepEmail } from "./step-email";
import { StepLink } from "./step-link";
import { StepPending } from "./step-pending";
import { StepSecurity } from "./step-security";
import { useMigrationState } from "./use-migration";
import { stepNumber, stepTitle, WIZARD_STEPS, wizardView } from "./wizard-steps";

export function MigrationPage() {
  const migration = useMigrationState();
  if (migration.data) return <Wizard state={migration.data} />;
  if (migration.isError) {
    return (
      <Alert>
        <p>{migration.error.message}</p>
        <button type="button" className="button" onClick={() => void migration.refetch()}>
          Réessayer
        </button>
      </Alert>
    );
  }
  return <Loading />;
}

/** Step 1 shown again to change the address, with the reason when the server refused it. */
type Editing = { error?: string } | null;

function Wizard({ state }: { state: MigrationState }) {
  const [editing, setEditing] = useState<Editing>(null);
  const view = wizardView(state, editing !== null);
  const title = stepTitle(view);
  usePageTitle(title);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(stepHeading, view);
  const chosenEmail = state.proposedEmail ?? "";
  // "Modifier l'adresse" at step 3 starts from the address waiting for its link.
  const stepOneEmail = state.step === "pending" ? (state.pendingEmail ?? chosenEmail) : chosenEmail;
  const editEmail = (error?: string) => setEditing(error ? { error } : {});
  // Changing one's mind at step 1 returns to the step left, which the server still holds.
  const cancelEdit =
    editing !== null && !editing.error && wizardView(state, false) !== "email"
      ? () => setEditing(null)
      : undefined;

  return (
    <>
      <PageHeading>{`Bonjour ${state.firstName}`}</PageHeading>
      <p className="lead">
        Pour protéger vos données, vous ne vous connecterez plus avec votre numéro de sécurité
        sociale mais avec une adresse email : votre identifiant MGEN Connect.
      </p>
      <Stepper
        steps={WIZARD_STEPS}
        current={stepNumber(view)}
        label="Étapes du changement d'identifiant"
      />

      <section aria-labelledby="wizard-step">
        <h2 id="wizard-step" ref={stepHeading} tabIndex={-1}>
          {title}
        </h2>
        {view === "email" ? (
          <StepEmail
            defaultEmail={stepOneEmail}
            contactEmailTaken={state.contactEmailTaken === true}
            serverError={editing?.error}
            onDone={() => setEditing(null)}
            onCancel={cancelEdit}
          />
        ) : null}
        {view === "security" ? (
          <StepSecurity email={chosenEmail} firstName={state.firstName} onEditEmail={editEmail} />
        ) : null}
        {view === "link" ? <StepLink email={chosenEmail} onEditEmail={editEmail} /> : null}
        {view === "pending" ? (
          <StepPending pendingEmail={state.pendingEmail ?? ""} onEditEmail={editEmail} />
        ) : null}
      </section>

      <SignOutButton secondary />
    </>
  );
}
