import { PAGES } from "@mgen/contracts/rules";
import { Alert, Loading } from "@mgen/ui/messages";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useLinkToken } from "../../lib/link-token";
import { usePageTitle } from "../../lib/page-title";
import type { SignInPrefill } from "../../lib/prefill";
import { retryHint } from "../../lib/rate-limit";
import { fetchSession } from "../../lib/session";
import { PageHeading } from "../../ui/page-heading";
import { type ConfirmView, confirmTitle, confirmView } from "./confirm-outcome";
import { useConfirmValidation, useFinishMigration } from "./use-migration";

/**
 * `/validation-email#token=…`: the emailed link completes the migration (B, step 3). The
 * token leaves the address bar at once, and is sent only when the member clicks
 * "Valider mon adresse" (SPEC "Links": a mail scanner that opens the link spends nothing).
 */
export function ValidationEmailPage() {
  const token = useLinkToken();
  const confirm = useConfirmValidation();
  const finish = useFinishMigration();

  const send = () => {
    if (confirm.isPending) return;
    confirm.mutate(token, {
      onSuccess: (result) => {
        if (result.state === "member") void finish(result);
      },
    });
  };

  const view = confirmView(token, !confirm.isIdle, confirm.data, confirm.error);
  const title = confirmTitle(view);
  usePageTitle(title);

  return (
    <>
      <PageHeading focusKey={view.kind}>{title}</PageHeading>
      <Outcome view={view} onSend={send} hint={retryHint(confirm.error)} />
    </>
  );
}

type OutcomeProps = { view: ConfirmView; onSend: () => void; hint: string | null };

function Outcome({ view, onSend, hint }: OutcomeProps) {
  switch (view.kind) {
    case "ready":
      return (
        <>
          <p>
            Vous avez choisi une nouvelle adresse email comme identifiant de connexion à votre
            Espace personnel. Pour terminer le changement, confirmez que cette adresse est bien la
            vôtre.
          </p>
          <p className="actions">
            <button type="button" className="button" onClick={onSend}>
              Valider mon adresse
            </button>
          </p>
        </>
      );
    case "checking":
    case "signed-in":
      return <Loading label="Validation de votre adresse en cours…" />;
    case "validated": {
      const prefill: SignInPrefill = { identifier: view.email };
      return (
        <>
          <p>
            Votre identifiant MGEN Connect est désormais <strong>{view.email}</strong>.
            Connectez-vous avec cette adresse et le mot de passe que vous avez choisi.
          </p>
          <p className="actions">
            <Link className="button" to={PAGES.signIn} state={prefill}>
              Me connecter
            </Link>
          </p>
        </>
      );
    }
    case "invalid":
      return (
        <>
          <Alert>
            <p>{view.message}</p>
          </Alert>
          <p>
            Connectez-vous avec votre numéro de sécurité sociale pour recevoir un nouveau lien, ou
            avec votre adresse email si vous avez déjà validé votre identifiant.
          </p>
          <p className="actions">
            <Link className="button" to={PAGES.signIn}>
              Aller à la connexion
            </Link>
          </p>
        </>
      );
    case "taken":
      return <AddressTaken />;
    case "failed":
      return (
        <>
          <Alert>
            <p>{view.message}</p>
            {hint ? <p>{hint}</p> : null}
          </Alert>
          <p className="actions">
            <button type="button" className="button" onClick={onSend}>
              Réessayer
            </button>
          </p>
        </>
      );
  }
}

/** Another Espace validated this address first: back to step 1 of the wizard. */
function AddressTaken() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const chooseAnother = async () => {
    if (busy) return;
    setBusy(true);
    // The wizard's own browser goes straight back to step 1; elsewhere, sign in by NIR.
    const session = await fetchSession(queryClient).catch(() => null);
    await navigate(session?.state === "migration" ? PAGES.migration : PAGES.signIn);
  };

  return (
    <>
      <Alert>
        <p>Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.</p>
      </Alert>
      <p>Reconnectez-vous avec votre numéro de sécurité sociale et choisissez une autre adresse.</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => void chooseAnother()}>
          Choisir une autre adresse
        </button>
      </p>
    </>
  );
}
