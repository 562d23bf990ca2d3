import { STAFF_STATE_LABELS, type StaffMemberPage } from "@mgen/contracts/staff";
import { Alert, Loading } from "@mgen/ui/messages";
import { type ReactNode, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../lib/api";
import { formatBirthDate, formatDate, formatDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/page-title";
import { CONSOLE_PAGES } from "../../lib/pages";
import { useMe } from "../../lib/session";
import { NoValue } from "../../ui/no-value";
import { PageHeading } from "../../ui/page-heading";
import { ActionForm } from "./action-form";
import { memberActions } from "./member-actions";
import { Timeline } from "./timeline";
import { useMember } from "./use-member";

/** `/console/adherents/:id`: who the member is, where they are, what to do for them. */
export function MemberPage() {
  // The member's name stays out of the title: titles end up in the browser's history.
  usePageTitle("Fiche adhérent");
  const { id = "" } = useParams();
  const member = useMember(id);

  // Keyed by member: a status or a reason typed for one never shows on another's page.
  if (member.data) return <MemberDetails key={id} id={id} member={member.data} />;
  if (member.isError) {
    const notFound = isApiError(member.error, "NOT_FOUND");
    return (
      <>
        <PageHeading>{notFound ? "Adhérent introuvable" : "Fiche adhérent"}</PageHeading>
        <Alert>
          <p>
            {notFound
              ? "Aucun adhérent ne porte ce numéro : il a peut-être été mal recopié."
              : member.error.message}
          </p>
        </Alert>
        <p>
          <Link to={CONSOLE_PAGES.search}>Rechercher un adhérent</Link>
        </p>
      </>
    );
  }
  return <Loading />;
}

function MemberDetails({ id, member }: { id: string; member: StaffMemberPage }) {
  const me = useMe();
  const [done, setDone] = useState<{ message: string; n: number } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const onDone = (message: string) => {
    setDone((previous) => ({ message, n: (previous?.n ?? 0) + 1 }));
    // The form may be gone once the page is asked again (nothing left to unlock): the
    // keyboard goes on from the message that says what was done.
    statusRef.current?.focus();
  };

  return (
    <>
      <PageHeading>
        {member.firstName} {member.lastName}
      </PageHeading>
      <p className="lead">
        <span className={`state state--${member.state}`}>{STAFF_STATE_LABELS[member.state]}</span>
      </p>

      <div className="member-grid">
        <section aria-labelledby="identite">
          <h2 id="identite">Identité</h2>
          <dl className="details">
            <Detail term="Nom">{member.lastName}</Detail>
            <Detail term="Prénom">{member.firstName}</Detail>
            <Detail term="Date de naissance">{formatBirthDate(member.birthDate)}</Detail>
            <Detail term="NIR">{member.nirMasked}</Detail>
            <Detail term="Adresse de contact">{member.contactEmail ?? <NoValue />}</Detail>
          </dl>
        </section>

        <section aria-labelledby="compte">
          <h2 id="compte">Compte</h2>
          <dl className="details">
            <Detail term="État">{STAFF_STATE_LABELS[member.state]}</Detail>
            <Detail term="Identifiant MGEN Connect">
              {member.identifier ?? <NoValue word="aucun, pas encore migré" />}
            </Detail>
            <Detail term="Blocage de l'Espace personnel">
              {member.espaceLocked ? <strong>Bloqué</strong> : "Non bloqué"}
            </Detail>
            <Detail term="Blocage de l'identifiant MGEN Connect">
              {member.identityLocked === null ? (
                <NoValue word="sans objet" />
              ) : member.identityLocked ? (
                <strong>Bloqué</strong>
              ) : (
                "Non bloqué"
              )}
            </Detail>
            <Detail term="Migration en attente">
              {member.pending ? (
                <>
                  Vers {member.pending.email}, depuis le {formatDateTime(member.pending.since)}
                </>
              ) : (
                "Aucune"
              )}
            </Detail>
            <Detail term="Espace créé le">{formatDate(member.createdAt)}</Detail>
            <Detail term="Migré le">
              {member.migratedAt ? formatDate(member.migratedAt) : <NoValue word="pas encore" />}
            </Detail>
          </dl>
          {me?.role === "superviseur" ? (
            <p>
              <Link to={`${CONSOLE_PAGES.audit}?member=${encodeURIComponent(String(member.id))}`}>
                Voir les actions sur cet adhérent dans le journal
              </Link>
            </p>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="actions">
        <h2 id="actions">Actions</h2>
        <p className="muted">
          Chaque action demande un motif et reste inscrite au journal. Aucune ne montre ni ne
          choisit de mot de passe.
        </p>
        <div className="action-status" role="status" tabIndex={-1} ref={statusRef}>
          {done ? (
            <p key={done.n} className="message message--success">
              {done.message}
            </p>
          ) : null}
        </div>
        <div className="action-grid">
          {memberActions(member, me?.role ?? "conseiller").map((action) => (
            <ActionForm key={action.path} memberId={id} action={action} onDone={onDone} />
          ))}
        </div>
      </section>

      <section aria-labelledby="historique">
        <h2 id="historique">Historique de sécurité</h2>
        <Timeline entries={member.timeline} />
      </section>
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
