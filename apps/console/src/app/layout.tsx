import { Component, type ReactNode } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { ROLE_LABELS } from "../lib/labels";
import { usePageTitle } from "../lib/page-title";
import { CONSOLE_PAGES } from "../lib/pages";
import { useMe, useSignOut } from "../lib/session";
import { PageHeading } from "../ui/page-heading";

export const CONSOLE_TITLE = "Console conseillers — MGEN Connect";

export function Layout() {
  const { key } = useLocation();
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <p className="site-header__name">
            <span className="site-header__logo" aria-hidden="true">
              MGEN
            </span>
            {CONSOLE_TITLE}
          </p>
          <StaffBar />
        </div>
      </header>
      <main id="contenu" className="container site-main" tabIndex={-1}>
        <RouteErrorBoundary resetKey={key}>
          <Outlet />
        </RouteErrorBoundary>
      </main>
    </>
  );
}

/** The signed-in adviser: the console's pages they may open, who they are, sign-out. */
function StaffBar() {
  const me = useMe();
  const signOut = useSignOut();
  if (!me) return null;
  return (
    <div className="staff-bar">
      <nav aria-label="Pages de la console">
        <ul className="staff-bar__nav">
          <li>
            <NavLink to={CONSOLE_PAGES.search} end>
              Rechercher un adhérent
            </NavLink>
          </li>
          {me.role === "superviseur" ? (
            <>
              <li>
                <NavLink to={CONSOLE_PAGES.audit}>Journal des actions</NavLink>
              </li>
              <li>
                <NavLink to={CONSOLE_PAGES.cockpit}>Pilotage de la migration</NavLink>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <p className="staff-bar__me">
        {me.name} <span className="staff-bar__role">({ROLE_LABELS[me.role]})</span>
      </p>
      <button
        type="button"
        className="button button--on-primary"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        Se déconnecter
      </button>
      {signOut.isError ? (
        <p className="staff-bar__error" role="alert">
          {signOut.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** A page could not be shown (often: a new version was published while it was open). */
function RouteError() {
  usePageTitle("Erreur");
  return (
    <>
      <PageHeading>Cette page n'a pas pu s'afficher</PageHeading>
      <p>Une erreur inattendue s'est produite. Rechargez la page.</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Recharger la page
        </button>
      </p>
    </>
  );
}

type BoundaryProps = { resetKey: string; children: ReactNode };
type BoundaryState = { failed: boolean; resetKey: string };

/** Shows RouteError instead of a page that threw; the next navigation tries again. */
class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
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
