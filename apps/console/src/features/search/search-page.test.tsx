import type { StaffMemberSummary } from "@mgen/contracts/staff";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, CONSEILLER, fakeApi, ok, renderConsole, session } from "../../test/console";

const MARIE: StaffMemberSummary = {
  id: 1,
  firstName: "Marie",
  lastName: "Dupont",
  birthDate: "1990-08-15",
  nirMasked: "2 90 08 •• ••• ••• 11",
  state: "not_started",
  identifier: null,
};
const MARC: StaffMemberSummary = {
  id: 4,
  firstName: "Marc",
  lastName: "Bernard",
  birthDate: "1983-02-20",
  nirMasked: "1 83 02 •• ••• ••• 57",
  state: "migrated",
  identifier: "famille.bernard@example.fr",
};

describe("search page", () => {
  it("lists the members found, each leading to their page", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "POST /api/staff/members/search": ok([MARIE, MARC]),
    });
    const { user } = renderConsole("/console/");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Rechercher un adhérent" }),
    ).toBeVisible();
    expect(document.title).toBe("Rechercher un adhérent — Console MGEN Connect");

    await user.type(screen.getByRole("searchbox", { name: "Rechercher un adhérent" }), "dupont");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(await screen.findByText("2 adhérents trouvés.")).toBeVisible();
    expect(api.to("POST /api/staff/members/search")[0]?.body).toEqual({ q: "dupont" });
    const table = screen.getByRole("table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["Nom", "Prénom", "Date de naissance", "NIR", "État", "Identifiant"]);
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("15/08/1990");
    expect(first).toHaveTextContent("2 90 08 •• ••• ••• 11");
    expect(first).toHaveTextContent("Pas encore commencé");
    expect(second).toHaveTextContent("Migré");
    expect(second).toHaveTextContent("famille.bernard@example.fr");
    expect(within(first as HTMLElement).getByRole("link", { name: /Dupont/ })).toHaveAttribute(
      "href",
      "/console/adherents/1",
    );
  });

  it("says when no member matches", async () => {
    fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "POST /api/staff/members/search": ok([]),
    });
    renderConsole({ pathname: "/console/", state: { q: "personne" } });
    expect(
      await screen.findByText("Aucun adhérent ne correspond à cette recherche."),
    ).toBeVisible();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("shows the server's word on the search by the field", async () => {
    const message = "Cette date de naissance n'existe pas : saisissez-la sous la forme JJ/MM/AAAA.";
    fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "POST /api/staff/members/search": apiError(400, "VALIDATION_ERROR", "Corrigez.", {
        q: message,
      }),
    });
    renderConsole({ pathname: "/console/", state: { q: "dupont 31/02/1990" } });
    const field = await screen.findByRole("searchbox", { name: "Rechercher un adhérent" });
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(expect.stringContaining(message)),
    );
  });
});
