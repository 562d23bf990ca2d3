import { PAGES } from "@mgen/contracts/rules";
import { Alert, Loading } from "@mgen/ui/messages";
import { Link } from "react-router";
import { useLinkToken } from "../../lib/link-token";
import { usePageTitle } from "../../lib/page-title";
import { MemberService } from "../../ui/member-service";
import { PageHeading } from "../../ui/page-heading";
import { CANCEL_TITLES, cancelView } from "./cancel-outcome";
import { useCancelMigration } from "./use-cancel-migration";

/**
 * `/annuler-changement-identifiant#token=…` (SPEC "Notifications"): the link sent to the
 * contact address when a member starts moving the Espace to another address. It cancels
 * that pending change without signing in. Nothing is sent before the member clicks
 * "Annuler cette demande" (SPEC "Links": a mail scanner that opens the link spends nothing).
 */
export function CancelMigrationPage() {
  const token = useLinkToken();
  const cancel = useCancelMigration();

  const send = () => {
    if (!cancel.isPending) cancel.mutate(token);
  };

  const view = cancelView(token, !cancel.isIdle, cancel.data, cancel.error);
  const title = CANCEL_TITLES[view.kind];
  usePageTitle(title);

  return (
    <>
      <PageHeading focusKey={view.kind}>{title}</PageHeading>
      {view.kind === "ready" ? <Ready onCancel={send} /> : null}
      {view.kind === "sending" ? <Loading label="Annulation de la demande en cours…" /> : null}
      {view.kind === "cancelled" ? <Cancelled /> : null}
      {view.kind === "invalid" ? <InvalidLink message={view.message} /> : null}
      {view.kind === "failed" ? (
        <>
          <Alert>
            <p>{view.message}</p>
            {view.hint ? <p>{view.hint}</p> : null}
          </Alert>
          <p className="actions">
            <button type="button" className="button" onClick={send}>
              Réessayer
            </button>
          </p>
        </>
      ) : null}
    </>
  );
}

function Ready({ onCancel }: { onCancel: () => void }) {
  return (
    <>
      <p>
        Une demande a été faite pour changer l'identifiant de connexion de votre Espace personnel :
        la connexion se ferait désormais avec une autre adresse email.
      </p>
      <p>
        C'est vous qui avez fait cette demande ? Vous n'avez rien à faire, vous pouvez fermer cette
        page.
      </p>
      <p>
        Vous n'êtes pas à l'origine de cette demande ? Annulez-la : rien ne sera modifié sur votre
        Espace personnel.
      </p>
      <p className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Annuler cette demande
        </button>
      </p>
    </>
  );
}

function Cancelled() {
  return (
    <>
      <p>
        Le changement d'identifiant n'aura pas lieu : rien n'a été modifié sur votre Espace
        personnel. Vous vous connectez toujours avec votre numéro de sécurité sociale et votre mot
        de passe habituel.
      </p>
      <section className="message message--info" aria-labelledby="protect-account">
        <h2 id="protect-account">Vous n'êtes pas à l'origine de cette demande ?</h2>
        <p>
          Pour la faire, il a fallu se connecter à votre Espace personnel avec votre numéro de
          sécurité sociale et votre mot de passe :{" "}
          <strong>quelqu'un connaît peut-être votre mot de passe</strong>. Choisissez-en un nouveau
          dès maintenant.
        </p>
        <p className="actions">
          <Link className="button" to={PAGES.legacyForgotPassword}>
            Choisir un nouveau mot de passe
          </Link>
        </p>
      </section>
      <p>
        C'était bien vous ? Vous pourrez recommencer le changement d'identifiant lors de votre
        prochaine connexion.
      </p>
      <p>
        <Link to={PAGES.signIn}>Aller à la connexion</Link>
      </p>
    </>
  );
}

function InvalidLink({ message }: { message: string }) {
  return (
    <>
      <Alert>
        <p>{message}</p>
      </Alert>
      <p>
        Vous n'êtes pas à l'origine de la demande de changement d'identifiant ? Appelez{" "}
        <MemberService />
        &nbsp;: un conseiller vérifiera votre Espace personnel avec vous.
      </p>
      <ul className="link-list">
        <li>
          <Link to={PAGES.signIn}>Aller à la connexion</Link>
        </li>
        <li>
          <Link to={PAGES.help}>Besoin d'aide ?</Link>
        </li>
      </ul>
    </>
  );
}
