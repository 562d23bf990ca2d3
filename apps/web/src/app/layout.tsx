import { Link, Outlet, ScrollRestoration } from "react-router";

export function Layout() {
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
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <Link to="/aide">Besoin d'aide ?</Link>
          <p className="site-footer__note">MGEN – Mutuelle générale de l'Éducation nationale</p>
        </div>
      </footer>
      <ScrollRestoration />
    </>
  );
}
