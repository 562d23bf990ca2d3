import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";
import { CONSOLE_PAGES } from "../lib/pages";
import { PageHeading } from "../ui/page-heading";

export function NotFoundPage() {
  usePageTitle("Page introuvable");
  return (
    <>
      <PageHeading>Page introuvable</PageHeading>
      <p>L'adresse demandée n'existe pas dans la console.</p>
      <p>
        <Link to={CONSOLE_PAGES.search}>Rechercher un adhérent</Link>
      </p>
    </>
  );
}
