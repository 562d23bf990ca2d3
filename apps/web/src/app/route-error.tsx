import { PAGES } from "@mgen/contracts/rules";
import { Component, type ReactNode } from "react";
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
        <Link to={PAGES.signIn}>Revenir à la connexion</Link>
      </p>
    </>
  );
}

type BoundaryProps = { resetKey: string; children: ReactNode };
type BoundaryState = { failed: boolean; resetKey: string };

/**
 * Shows RouteError instead of a page that threw while rendering or whose chunk did not
 * load. A new `resetKey` (the next navigation) shows the pages again.
 */
export class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
