import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useLinkToken, useOnce } from "../../lib/link-token";
import { usePageTitle } from "../../lib/page-title";
import type { SignInPrefill } from "../../lib/prefill";
import { fetchSession } from "../../lib/session";
import { Alert, Loading } from "../../ui/messages";
import { PageHeading } from "../../ui/page-heading";
import { type ConfirmView, confirmTitle, confirmView } from "./confirm-outcome";
import { useConfirmValidation, useFinishMigration } from "./use-migration";

/**
 * `/validation-email?token=…`: the emailed link completes the migration (B, step 3). The
 * token leaves the address bar at once and is sent once.
 */
export function ValidationEmailPage() {
  const token = useLinkToken();
  const confirm = useConfirmValidation();
  const finish = useFinishMigration();

  const send = () => {
    confirm.mutate(token, {
      onSuccess: (result) => {
        if (result.state === "member") void finish(result);
      },
    });
  };
  useOnce(() => {
    if (token) send();
  });

  const view = confirmView(token, confirm.data, confirm.error);
  const title = confirmTitle(view);
  usePageTitle(title);

  return (
    <>
      <PageHeading focusKey={view.kind}>{title}</PageHeading>
      <Outcome view={view} onRetry={send} />
    </>
  );
}

function Outcome({ view, onRetry }: { view: ConfirmView; onRetry: () => void }) {
  switch (view.kind) {
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
            <Link className="button" to="/connexion" state={prefill}>
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
            <Link className="button" to="/connexion">
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
          </Alert>
          <p className="actions">
            <button type="button" className="button" onClick={onRetry}>
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
    await navigate(session?.state === "migration" ? "/migration" : "/connexion");
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
