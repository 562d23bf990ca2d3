import { PAGES } from "@mgen/contracts/rules";
import { Loading } from "@mgen/ui/messages";
import { Suspense, useLayoutEffect, useRef } from "react";
import { Link, Outlet, useLocation, useNavigationType } from "react-router";
import { sectionOf, useNavigationCommits } from "../lib/navigation";
import { RouteErrorBoundary } from "./route-error";

export function Layout() {
  useNavigationCommits();
  useScrollOnNavigation();
  const { key } = useLocation();
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <span className="site-header__logo" aria-hidden="true">
            MGEN
          </span>
          <p className="site-header__name">Identifiant MGEN Connect</p>
        </div>
      </header>
      <main id="contenu" className="container site-main" tabIndex={-1}>
        {/* A page that fails shows RouteError in its place; the next navigation tries again. */}
        <RouteErrorBoundary resetKey={key}>
          {/* Shown while a page's chunk loads outside a navigation: the first page of a
              visit, or a guarded page once the session is checked. */}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <Link to={PAGES.help}>Besoin d'aide ?</Link>
          <p className="site-footer__note">MGEN – Mutuelle générale de l'Éducation nationale</p>
        </div>
      </footer>
    </>
  );
}

/** Where each page of this visit was scrolled when it was left, by history entry. */
const scrolledTo = new Map<string, number>();

/**
 * After a navigation the new page starts at its top, or at the section its address names
 * (#compte-bloque); back and forward return to where the page was left. Runs before the
 * page's effects, so that PageHeading's focus finds the page already in place. The first
 * page of a visit is left where the browser put it.
 */
function useScrollOnNavigation(): void {
  const { key, hash } = useLocation();
  const type = useNavigationType();
  const shown = useRef(key);
  useLayoutEffect(() => {
    // The SPA puts pages back itself: the browser would do it before the page is there.
    window.history.scrollRestoration = "manual";
    const remember = () => scrolledTo.set(shown.current, window.scrollY);
    window.addEventListener("scroll", remember, { passive: true });
    return () => window.removeEventListener("scroll", remember);
  }, []);
  useLayoutEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    const back = type === "POP" ? scrolledTo.get(key) : undefined;
    const section = sectionOf(hash);
    if (back !== undefined) window.scrollTo(0, back);
    else if (section) section.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [key, hash, type]);
}
