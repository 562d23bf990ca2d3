import { Alert, Notice } from "../../ui/messages";
import { useResendValidation } from "./use-migration";

type Props = { pendingEmail: string; onEditEmail: () => void };

/** Step 3 when the chosen address is not the contact email: waiting for its link. */
export function StepPending({ pendingEmail, onEditEmail }: Props) {
  const resend = useResendValidation();
  return (
    <>
      <p className="chosen-email">
        Un email de validation a été envoyé à <strong>{pendingEmail}</strong>.
      </p>
      <p>
        Ouvrez-le et cliquez sur le lien qu'il contient pour terminer le changement d'identifiant.
        Le lien est valable 24 heures. Tant qu'il n'est pas ouvert, rien n'est changé : vous pouvez
        toujours vous connecter avec votre numéro de sécurité sociale.
      </p>
      <p className="muted">
        Vous ne le trouvez pas ? Regardez dans vos courriers indésirables, ou demandez un nouvel
        email.
      </p>
      {resend.isSuccess ? <Notice>Un nouvel email vous a été envoyé.</Notice> : null}
      {resend.isError ? (
        <Alert>
          <p>{resend.error.message}</p>
        </Alert>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (!resend.isPending) resend.mutate();
          }}
        >
          Renvoyer l'email
        </button>
        <button type="button" className="button button--secondary" onClick={onEditEmail}>
          Modifier l'adresse
        </button>
      </div>
    </>
  );
}
