import "@mgen/ui/base.css";
import "./app/global.css";
import { StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { App } from "./app/app";
import { preloadPage } from "./lib/lazy-page";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The designers' workbench exists under `pnpm dev` only: in a build, DEV is false and
// Vite drops this branch with the module it imports.
if (import.meta.env.DEV && window.location.pathname.startsWith("/dev/screens")) {
  void import("./app/dev-screens/workbench").then((m) => m.mountWorkbench(root));
} else {
  // A visit that starts on a page of its own chunk waits for it (ADR 012): the first
  // paint is the page, not the loading message between the header and the footer.
  void preloadPage(window.location.pathname).then(() => {
    const app = (
      <StrictMode>
        <App />
      </StrictMode>
    );
    // /connexion comes with the sign-in page's HTML (scripts/prerender.mjs, ADR 026): React
    // takes it over as it is, unless this visit's history holds what that page would show
    // differently (a notice, an address already typed: reloaded after a navigation).
    if (root.dataset.prerendered === window.location.pathname && !window.history.state?.usr) {
      hydrateRoot(root, app);
    } else {
      root.replaceChildren();
      createRoot(root).render(app);
    }
  });
}
