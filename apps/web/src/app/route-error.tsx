import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";
import { PageHeading } from "../ui/page-heading";

/** A page could not be shown (often: a new version was published while it was open). */
export function RouteError() {
  usePageTitle("Erreur");
  return (
    <>
      <PageHeading>Cette page n'a pas pu s'afficher</PageHeading>
      <p>
        Une erreur inattendue s'est produite. Rechargez la page ; si le problème continue, réessayez
        dans quelques instants.
      </p>
      <p className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Recharger la page
        </button>
      </p>
      <p>
        <Link to="/connexion">Revenir à la connexion</Link>
      </p>
    </>
  );
}
