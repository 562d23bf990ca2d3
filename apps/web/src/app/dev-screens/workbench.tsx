import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MemoryRouter } from "react-router";
import { createQueryClient } from "../../lib/query-client";
import { AppRoutes } from "../router";
import { installFakeApi } from "./fake-api";
import { SCENARIOS, type Scenario } from "./scenarios";

/**
 * The designers' workbench, `/dev/screens` under `pnpm dev` only (main.tsx loads it
 * behind `import.meta.env.DEV`, so the production build holds none of it). Every screen
 * in every state, rendered by the real components with fixture answers instead of the BFF.
 */
export const WORKBENCH_PATH = "/dev/screens";

export function mountWorkbench(root: HTMLElement): void {
  const id = decodeURIComponent(window.location.pathname.slice(WORKBENCH_PATH.length + 1));
  const scenario = SCENARIOS.find((s) => s.id === id);
  createRoot(root).render(
    <StrictMode>{scenario ? <ScenarioView scenario={scenario} /> : <Index />}</StrictMode>,
  );
  if (scenario?.play) {
    // Once the lazy page is on screen; a failing step says so in the console.
    void scenario.play().catch((error: unknown) => console.error(error));
  }
}

function Index() {
  document.title = "Atelier des écrans – Identifiant MGEN Connect";
  const groups = [...new Set(SCENARIOS.map((s) => s.group))];
  return (
    <main className="container site-main">
      <h1>Atelier des écrans</h1>
      <p className="lead">
        {SCENARIOS.length} écrans dans tous leurs états, avec des données fictives et sans serveur.
        Chaque lien ouvre un état ; « Tous les écrans » en haut de page revient ici.
      </p>
      {groups.map((group) => (
        <section key={group} aria-labelledby={`group-${slug(group)}`}>
          <h2 id={`group-${slug(group)}`}>{group}</h2>
          <ul className="link-list">
            {SCENARIOS.filter((s) => s.group === group).map((s) => (
              <li key={s.id}>
                <a href={`${WORKBENCH_PATH}/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

function ScenarioView({ scenario }: { scenario: Scenario }) {
  installFakeApi(scenario.api ?? {});
  // As an emailed link opens the page: the token in the fragment, which the page clears.
  if (scenario.token && !window.location.hash) {
    window.history.replaceState(null, "", `${window.location.pathname}#token=exemple`);
  }
  const index = SCENARIOS.indexOf(scenario);
  const next = SCENARIOS[index + 1];
  return (
    <>
      <nav className="workbench-bar" aria-label="Atelier des écrans">
        <a href={WORKBENCH_PATH}>Tous les écrans</a>
        <span>
          {scenario.group} – {scenario.title} ({index + 1}/{SCENARIOS.length})
        </span>
        {next ? <a href={`${WORKBENCH_PATH}/${next.id}`}>Suivant : {next.title}</a> : null}
      </nav>
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={[{ pathname: scenario.path, state: scenario.state ?? null }]}>
          <AppRoutes />
        </MemoryRouter>
      </QueryClientProvider>
    </>
  );
}

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .toLowerCase();
}
