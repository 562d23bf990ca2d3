import "./cockpit.css";
import { FUNNEL_STATE_LABELS, type Funnel, STUCK_STATES } from "@mgen/contracts/staff";
import { Alert } from "@mgen/ui/messages";
import { useId } from "react";
import { usePageTitle } from "../../lib/page-title";
import { PageHeading } from "../../ui/page-heading";
import { formatClock, formatCount, formatLongDay, formatShare } from "./format";
import { DailySection, DropOffSection, PathsSection, StatesSection } from "./sections";
import { stuckCsvHref, useFunnel } from "./use-funnel";

/**
 * `/console/pilotage` (superviseurs, OPERATIONS.md §3): how far the migration has got
 * and where members drop out, asked again every 30 seconds. Loaded on its own (the
 * router's lazy import): its charting library is not in the console's first download.
 */
export function CockpitPage() {
  usePageTitle("Pilotage de la migration");
  const funnel = useFunnel();

  return (
    <>
      <PageHeading>Pilotage de la migration</PageHeading>
      <div className="cockpit-refresh">
        <p role="status" className="cockpit-refresh__time">
          {funnel.data
            ? `Chiffres de ${formatClock(funnel.data.at)}`
            : funnel.isPending && !funnel.isError
              ? "Chargement des chiffres…"
              : ""}
        </p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void funnel.refetch()}
        >
          Actualiser les chiffres
        </button>
      </div>
      <p className="muted">Les chiffres se mettent à jour d'eux-mêmes toutes les 30 secondes.</p>
      {funnel.isError ? (
        <Alert>
          <p>{funnel.error.message}</p>
        </Alert>
      ) : null}
      {funnel.data ? <CockpitFigures funnel={funnel.data} /> : null}
    </>
  );
}

function CockpitFigures({ funnel }: { funnel: Funnel }) {
  return (
    <>
      <Headline funnel={funnel} />
      <StatesSection total={funnel.total} states={funnel.states} />
      <PathsSection migratedBy={funnel.migratedBy} />
      <DailySection daily={funnel.daily} />
      <DropOffSection dropOff={funnel.dropOff} />
      <StuckLists states={funnel.states} />
    </>
  );
}

/** How many have migrated, and when 95 % will have at the last 14 days' pace. */
function Headline({ funnel }: { funnel: Funnel }) {
  const id = useId();
  const migrated = funnel.states.migrated;
  return (
    <section className="cockpit-headline" aria-labelledby={id}>
      <h2 id={id}>{formatShare(migrated, funnel.total)} des Espaces ont migré</h2>
      <p className="lead">
        <strong>{formatCount(migrated)}</strong> Espaces migrés sur{" "}
        <strong>{formatCount(funnel.total)}</strong>.
      </p>
      <p className="lead">
        {funnel.projection95
          ? `À ce rythme (14 derniers jours), 95\u00a0% des Espaces auront migré le ${formatLongDay(funnel.projection95)}.`
          : "Pas encore de rythme : aucune migration ces 14 derniers jours."}
      </p>
    </section>
  );
}

/** The CSV lists of members stopped on the way, for reminder campaigns. */
function StuckLists({ states }: Pick<Funnel, "states">) {
  const id = useId();
  return (
    <section className="cockpit-section" aria-labelledby={id}>
      <h2 id={id}>Adhérents bloqués en chemin</h2>
      <p>
        Pour une campagne de relance, téléchargez la liste des adhérents arrêtés à une étape : un
        fichier CSV avec leur nom, leur prénom, leur adresse email de contact, leur état et depuis
        quand.
      </p>
      <div className="message message--info">
        <p>
          Chaque téléchargement est inscrit au journal des actions. Ces listes contiennent des noms
          et des adresses email de contact : gardez-les sur un espace protégé, ne les transmettez
          qu'aux personnes qui en ont besoin et supprimez-les après la campagne.
        </p>
      </div>
      <ul className="link-list">
        {STUCK_STATES.map((state) => (
          <li key={state}>
            <a href={stuckCsvHref(state)} download>
              Télécharger la liste : {FUNNEL_STATE_LABELS[state]} ({formatCount(states[state])})
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
