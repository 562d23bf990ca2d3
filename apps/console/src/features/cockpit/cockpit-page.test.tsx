import type { Funnel, FunnelDay } from "@mgen/contracts/staff";
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiError,
  CONSEILLER,
  fakeApi,
  ok,
  renderConsole,
  SUPERVISEUR,
  session,
} from "../../test/console";

function day(date: string, n: number): FunnelDay {
  return {
    date,
    migrated: 100 + n,
    started: 300 + n,
    linksSent: 250 + n,
    linksOpened: 180 + n,
    locks: 4 + n,
    resets: 9 + n,
  };
}

const FUNNEL: Funnel = {
  total: 12345,
  states: {
    not_started: 6000,
    wizard_started: 1500,
    validation_pending: 1234,
    migrated: 3611,
    locked: 42,
    no_password: 321,
  },
  migratedBy: { contact_email: 2500, other_address: 1000, link: 111 },
  // Not in order: the page sorts the days.
  daily: [day("2026-03-11", 1), day("2026-03-10", 0), day("2026-03-12", 2)],
  dropOff: [
    { reason: "email_taken", count: 12 },
    { reason: "link_expired", count: 1340 },
    { reason: "locked", count: 42 },
  ],
  projection95: "2027-03-12",
  at: "2026-03-12T09:30:05Z",
};

/** An element's text as read on screen: French numbers' narrow spaces read as spaces. */
function text(element: Element | null): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The figures of the row headed `header`, in column order. */
function cellsOf(tableElement: HTMLElement, header: string): string[] {
  const row = within(tableElement).getByRole("rowheader", { name: header }).closest("tr");
  return within(row as HTMLElement)
    .getAllByRole("cell")
    .map((cell) => text(cell));
}

/** The chart of a section: an SVG image, and what it says. */
function chartIn(section: HTMLElement): string {
  const chart = within(section).getByRole("img");
  expect(chart.tagName.toLowerCase()).toBe("svg");
  // One image: no label inside it (axe refuses them under role="img").
  expect(chart.querySelectorAll("[aria-label]")).toHaveLength(0);
  return (chart.getAttribute("aria-label") ?? "").replace(/\s+/g, " ");
}

async function openCockpit(funnel: Funnel | ReturnType<typeof ok>[] = FUNNEL) {
  const api = fakeApi({
    "GET /api/staff/session": session(SUPERVISEUR),
    "GET /api/staff/funnel": Array.isArray(funnel) ? funnel : ok(funnel),
  });
  const view = renderConsole("/console/pilotage");
  expect(
    await screen.findByRole("heading", { level: 1, name: "Pilotage de la migration" }),
  ).toBeVisible();
  expect(await screen.findByText(/^Chiffres de \d/)).toHaveAttribute("role", "status");
  return { api, ...view };
}

describe("cockpit page", () => {
  // The page is a lazy chunk: loaded once here, so that no test waits for Plot's import.
  beforeAll(() => import("./cockpit-page"));

  it("shows a superviseur how far the migration has got, linked from the header", async () => {
    await openCockpit();

    expect(document.title).toBe("Pilotage de la migration — Console MGEN Connect");
    expect(
      within(screen.getByRole("banner")).getByRole("link", { name: "Pilotage de la migration" }),
    ).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("status")).toHaveTextContent("Chiffres de 10:30:05");

    const headline = screen.getByRole("region", { name: /^29,3\s% des Espaces ont migré$/ });
    expect(headline).toHaveTextContent("3 611 Espaces migrés sur 12 345.");
    expect(headline).toHaveTextContent(
      "À ce rythme (14 derniers jours), 95 % des Espaces auront migré le 12 mars 2027.",
    );
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => text(h))).toEqual([
      "29,3 % des Espaces ont migré",
      "Où en sont les 12 345 Espaces",
      "Comment les adhérents ont migré",
      "Chaque jour, les 3 derniers jours",
      "Pourquoi des adhérents décrochent",
      "Adhérents bloqués en chemin",
    ]);
  });

  it("draws the funnel by state, with locked and no-password Espaces counted apart", async () => {
    await openCockpit();

    const section = screen.getByRole("region", { name: /^Où en sont les 12\s345 Espaces$/ });
    expect(section).toHaveTextContent("Chaque Espace est dans un seul de ces quatre états.");
    const states = within(section).getByRole("table", { name: "Espaces par état" });
    expect(cellsOf(states, "Pas encore commencé")).toEqual(["6 000", "48,6 %"]);
    expect(cellsOf(states, "Migration commencée")).toEqual(["1 500", "12,2 %"]);
    expect(cellsOf(states, "Validation d'adresse en attente")).toEqual(["1 234", "10,0 %"]);
    expect(cellsOf(states, "Migré")).toEqual(["3 611", "29,3 %"]);
    expect(cellsOf(states, "Total")).toEqual(["12 345", "100,0 %"]);
    expect(states).toHaveTextContent("À part (déjà comptés dans les états ci-dessus)");
    expect(cellsOf(states, "Bloqué")).toEqual(["42", "0,3 %"]);
    expect(cellsOf(states, "Sans mot de passe")).toEqual(["321", "2,6 %"]);
    expect(chartIn(section)).toBe(
      "Espaces par état, en barres horizontales : Pas encore commencé : 6 000 (48,6 %) ; " +
        "Migration commencée : 1 500 (12,2 %) ; Validation d'adresse en attente : 1 234 (10,0 %) ; " +
        "Migré : 3 611 (29,3 %).",
    );
  });

  it("draws the migrations by path", async () => {
    await openCockpit();

    const section = screen.getByRole("region", { name: "Comment les adhérents ont migré" });
    const paths = within(section).getByRole("table", { name: "Migrations par chemin" });
    expect(cellsOf(paths, "Avec l'adresse de contact")).toEqual(["2 500", "69,2 %"]);
    expect(cellsOf(paths, "Avec une autre adresse validée")).toEqual(["1 000", "27,7 %"]);
    expect(cellsOf(paths, "En associant un identifiant existant")).toEqual(["111", "3,1 %"]);
    expect(chartIn(section)).toBe(
      "Migrations par chemin, en barres horizontales : Avec l'adresse de contact : 2 500 (69,2 %) ; " +
        "Avec une autre adresse validée : 1 000 (27,7 %) ; " +
        "En associant un identifiant existant : 111 (3,1 %).",
    );
  });

  it("draws each day, oldest first, with every metric in the table", async () => {
    await openCockpit();

    const section = screen.getByRole("region", { name: "Chaque jour, les 3 derniers jours" });
    const daily = within(section).getByRole("table", {
      name: "Chiffres de chaque jour, du plus ancien au plus récent",
    });
    expect(
      within(daily)
        .getAllByRole("columnheader")
        .map((th) => text(th)),
    ).toEqual([
      "Jour",
      "Migrations terminées",
      "Migrations commencées",
      "Liens de validation envoyés",
      "Liens de validation ouverts",
      "Blocages",
      "Mots de passe réinitialisés",
    ]);
    expect(
      within(daily)
        .getAllByRole("rowheader")
        .map((th) => text(th)),
    ).toEqual(["10/03/2026", "11/03/2026", "12/03/2026"]);
    expect(cellsOf(daily, "10/03/2026")).toEqual(["100", "300", "250", "180", "4", "9"]);
    expect(cellsOf(daily, "12/03/2026")).toEqual(["102", "302", "252", "182", "6", "11"]);
    expect(chartIn(section)).toBe(
      "Courbes jour par jour, du 10/03/2026 au 12/03/2026 : Migrations terminées, 303 en tout ; " +
        "Migrations commencées, 903 en tout ; Liens de validation envoyés, 753 en tout ; " +
        "Liens de validation ouverts, 543 en tout.",
    );
  });

  it("draws the drop-off reasons, the most frequent first", async () => {
    await openCockpit();

    const section = screen.getByRole("region", { name: "Pourquoi des adhérents décrochent" });
    const dropOff = within(section).getByRole("table", { name: "Décrochages par motif" });
    expect(
      within(dropOff)
        .getAllByRole("rowheader")
        .map((th) => text(th)),
    ).toEqual([
      "Lien de validation expiré sans avoir été ouvert",
      "Compte bloqué après 5 échecs",
      "Adresse déjà utilisée par un autre Espace",
      "Association refusée : identifiant non validé",
      "Association refusée : identifiant bloqué",
      "Association refusée : mot de passe incorrect",
      "Pas d'adresse de contact (Espaces non migrés)",
    ]);
    expect(cellsOf(dropOff, "Lien de validation expiré sans avoir été ouvert")).toEqual(["1 340"]);
    expect(cellsOf(dropOff, "Compte bloqué après 5 échecs")).toEqual(["42"]);
    expect(cellsOf(dropOff, "Pas d'adresse de contact (Espaces non migrés)")).toEqual(["0"]);
    expect(chartIn(section)).toMatch(
      /^Décrochages par motif, en barres horizontales : Lien de validation expiré sans avoir été ouvert : 1 340 ; Compte bloqué après 5 échecs : 42 ; Adresse déjà utilisée par un autre Espace : 12 ;/,
    );
  });

  it("offers the members stuck in each state as CSV, saying the export is journaled", async () => {
    await openCockpit();

    const stuck = screen.getByRole("region", { name: "Adhérents bloqués en chemin" });
    expect(stuck).toHaveTextContent("Chaque téléchargement est inscrit au journal des actions.");
    expect(stuck).toHaveTextContent("des noms et des adresses email de contact");
    const links = within(stuck).getAllByRole("link");
    expect(links.map((link) => [text(link), link.getAttribute("href")])).toEqual([
      [
        "Télécharger la liste : Pas encore commencé (6 000)",
        "/api/staff/funnel/stuck.csv?state=not_started",
      ],
      [
        "Télécharger la liste : Migration commencée (1 500)",
        "/api/staff/funnel/stuck.csv?state=wizard_started",
      ],
      [
        "Télécharger la liste : Validation d'adresse en attente (1 234)",
        "/api/staff/funnel/stuck.csv?state=validation_pending",
      ],
      ["Télécharger la liste : Bloqué (42)", "/api/staff/funnel/stuck.csv?state=locked"],
      [
        "Télécharger la liste : Sans mot de passe (321)",
        "/api/staff/funnel/stuck.csv?state=no_password",
      ],
    ]);
    for (const link of links) expect(link).toHaveAttribute("download");
  });

  it("says there is no pace yet when nothing migrated in the last 14 days", async () => {
    await openCockpit({ ...FUNNEL, projection95: null });

    expect(
      await screen.findByText("Pas encore de rythme : aucune migration ces 14 derniers jours."),
    ).toBeVisible();
    expect(screen.queryByText(/auront migré le/)).not.toBeInTheDocument();
  });

  it("asks again on « Actualiser les chiffres » and shows the new figures", async () => {
    const later: Funnel = {
      ...FUNNEL,
      states: { ...FUNNEL.states, not_started: 5999, migrated: 3612 },
      at: "2026-03-12T09:31:10Z",
    };
    const { api, user } = await openCockpit([ok(FUNNEL), ok(later)]);
    expect(screen.getByRole("status")).toHaveTextContent("Chiffres de 10:30:05");

    await user.click(screen.getByRole("button", { name: "Actualiser les chiffres" }));

    expect(await screen.findByText("Chiffres de 10:31:10")).toBeVisible();
    expect(api.to("GET /api/staff/funnel")).toHaveLength(2);
    expect(screen.getByRole("region", { name: /des Espaces ont migré$/ })).toHaveTextContent(
      "3 612 Espaces migrés sur 12 345.",
    );
    const section = screen.getByRole("region", { name: /^Où en sont les 12\s345 Espaces$/ });
    const states = within(section).getByRole("table", { name: "Espaces par état" });
    expect(cellsOf(states, "Migré")).toEqual(["3 612", "29,3 %"]);
    expect(chartIn(section)).toContain("Migré : 3 612 (29,3 %)");
  });

  it("shows the API's message when the figures cannot be read", async () => {
    fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/funnel": apiError(403, "FORBIDDEN", "Votre rôle ne permet pas cette action."),
    });
    renderConsole("/console/pilotage");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Votre rôle ne permet pas cette action.",
    );
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("keeps a conseiller out, without a link to it or a call for its figures", async () => {
    const api = fakeApi({ "GET /api/staff/session": session(CONSEILLER) });
    renderConsole("/console/pilotage");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Rechercher un adhérent" }),
    ).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Cette page est réservée aux superviseurs.",
    );
    expect(
      within(screen.getByRole("banner")).queryByRole("link", { name: "Pilotage de la migration" }),
    ).toBeNull();
    expect(api.to("GET /api/staff/funnel")).toHaveLength(0);
  });
});
