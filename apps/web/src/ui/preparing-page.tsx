import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";
import { PageHeading } from "./page-heading";

/** A declared page whose journey comes in a later version: honest, calm, with a way on. */
export function PreparingPage({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>Cette page est en cours de préparation : elle sera disponible très prochainement.</p>
      <p>En attendant, vous pouvez revenir à la page de connexion ou consulter l'aide.</p>
      <ul className="link-list">
        <li>
          <Link to="/connexion">Revenir à la connexion</Link>
        </li>
        <li>
          <Link to="/aide">Consulter l'aide</Link>
        </li>
      </ul>
    </>
  );
}
