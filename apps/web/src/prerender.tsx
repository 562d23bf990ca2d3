/**
 * Built by `vite build --ssr` (scripts/prerender.mjs) and run once at build time, never in
 * the browser: the sign-in page's HTML, put into `dist/connexion.html` so that the first
 * paint of `/connexion` needs no JavaScript (issue 17, ADR 026). The browser then hydrates
 * it with the very same tree (main.tsx).
 */
import { PAGES } from "@mgen/contracts/rules";
import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router";
import { AppProviders } from "./app/app";
import { AppRoutes } from "./app/router";

export const PRERENDERED_PAGE = PAGES.signIn;

export function renderSignInPage(): string {
  return renderToString(
    <StrictMode>
      <AppProviders>
        <StaticRouter location={PRERENDERED_PAGE}>
          <AppRoutes />
        </StaticRouter>
      </AppProviders>
    </StrictMode>,
  );
}
