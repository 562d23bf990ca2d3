import { PAGES } from "@mgen/contracts/rules";
import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";
import { PageHeading } from "../ui/page-heading";

export function NotFoundPage() {
  usePageTitle("Page introuvable");
  return (
    <>
      <PageHeading>Page introuvable</PageHeading>
      <p>
        L'adresse demandée n'existe pas ou a changé. Si vous l'avez saisie, vérifiez-la ; si vous
        avez suivi un lien, il est peut-être ancien.
      </p>
      <ul className="link-list">
        <li>
          <Link to={PAGES.signIn}>Aller à la page de connexion</Link>
        </li>
        <li>
          <Link to={PAGES.help}>Consulter l'aide</Link>
        </li>
      </ul>
    </>
  );
}
