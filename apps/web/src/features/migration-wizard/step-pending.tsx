import { Alert, Notice } from "@mgen/ui/messages";
import { isApiError } from "../../lib/api";
import { retryHint } from "../../lib/rate-limit";
import { useResendValidation } from "./use-migration";

type Props = {
  pendingEmail: string;
  /** Back to step 1; with the server's reason when the address was taken meanwhile. */
  onEditEmail: (error?: string) => void;
};

/** Step 3 when the chosen address is not the contact email: waiting for its link. */
export function StepPending({ pendingEmail, onEditEmail }: Props) {
  const resend = useResendValidation();

  const askAgain = () => {
    if (resend.isPending) return;
    resend.mutate(undefined, {
      onError: (error) => {
        // Another Espace validated this address meanwhile: the server is back at step 1.
        if (isApiError(error, "EMAIL_TAKEN")) onEditEmail(error.fields?.email ?? error.message);
      },
    });
  };

  const error = resend.error;
  const hint = retryHint(error, "un email");
  return (
    <>
      <p className="chosen-email">
        Un email de validation vient de vous être envoyé à l'adresse <strong>{pendingEmail}</strong>
        . Ouvrez-le et cliquez sur le lien qu'il contient pour terminer le changement de votre
        identifiant. Le lien est valable 24 heures.
      </p>
      <p>
        Rien n'est changé tant que vous n'avez pas cliqué sur ce lien : vous pouvez encore vous
        connecter avec votre numéro de sécurité sociale.
      </p>
      <p className="muted">Vous n'avez rien reçu ? Vérifiez vos courriers indésirables (spam).</p>
      {resend.isSuccess ? (
        <Notice key={resend.submittedAt}>
          Un nouvel email vient de vous être envoyé. Seul le lien de ce dernier email fonctionne.
        </Notice>
      ) : null}
      {error && !isApiError(error, "EMAIL_TAKEN") ? (
        <Alert>
          <p>{error.message}</p>
          {hint ? <p>{hint}</p> : null}
        </Alert>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={askAgain}>
          Renvoyer l'email
        </button>
        <button type="button" className="button button--secondary" onClick={() => onEditEmail()}>
          Modifier l'adresse
        </button>
      </div>
    </>
  );
}
