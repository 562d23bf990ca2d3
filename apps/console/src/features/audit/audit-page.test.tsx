import type { StaffAuditItem } from "@mgen/contracts/staff";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, ok, renderConsole, SUPERVISEUR, session } from "../../test/console";

function item(n: number): StaffAuditItem {
  return {
    at: `2026-03-0${n}T10:00:00Z`,
    staff: { email: "conseiller@mgen.example", name: "Camille Conseil" },
    action: "staff.unlock",
    subject: `espace:${n}`,
    reason: "Appel de l'adhérent, identité vérifiée.",
    outcome: "espace débloqué",
  };
}

describe("audit page", () => {
  it("filters, pages with the cursor and exports the same query as CSV", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/audit": (_body, url) =>
        url.searchParams.get("before") === "41"
          ? ok({ items: [item(1)], next: null })
          : ok({ items: [item(3), item(2)], next: "41" }),
    });
    const { user } = renderConsole("/console/journal");
    expect(await screen.findByText("2 lignes affichées.")).toBeVisible();

    await user.type(screen.getByLabelText("Adhérent (numéro)"), "7");
    await user.selectOptions(screen.getByLabelText("Action"), "Déblocage");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));

    await waitFor(() =>
      expect(api.to("GET /api/staff/audit").at(-1)?.query.get("member")).toBe("7"),
    );
    const filtered = api.to("GET /api/staff/audit").at(-1);
    expect(filtered?.query.get("action")).toBe("staff.unlock");
    expect(screen.getByRole("link", { name: "Exporter en CSV" })).toHaveAttribute(
      "href",
      "/api/staff/audit?member=7&action=staff.unlock&format=csv",
    );

    await user.click(screen.getByRole("button", { name: "Lignes suivantes" }));
    expect(await screen.findByText("3 lignes affichées.")).toBeVisible();
    expect(api.to("GET /api/staff/audit").at(-1)?.query.get("before")).toBe("41");
    expect(screen.queryByRole("button", { name: "Lignes suivantes" })).not.toBeInTheDocument();
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent("Déblocage");
    expect(rows[1]).toHaveTextContent("espace débloqué");
  });

  it("checks the adviser's address before asking", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/audit": ok({ items: [], next: null }),
    });
    const { user } = renderConsole("/console/journal");
    await screen.findByText("Aucune ligne ne correspond à ces filtres.");
    const calls = api.to("GET /api/staff/audit").length;

    const staff = screen.getByLabelText("Conseiller (email)");
    await user.type(staff, "pas-une-adresse");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));

    expect(await screen.findByRole("alert")).toBeVisible();
    expect(staff).toHaveAttribute("aria-invalid", "true");
    expect(api.to("GET /api/staff/audit")).toHaveLength(calls);
  });
});
