import type { StaffAuditPage } from "@mgen/contracts/staff";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  apiError,
  CONSEILLER,
  fakeApi,
  ok,
  renderConsole,
  SUPERVISEUR,
  session,
} from "../test/console";

const EMPTY_AUDIT: StaffAuditPage = { items: [], next: null };

function header() {
  return screen.getByRole("banner");
}

describe("guards", () => {
  it("opens the journal to a superviseur, linked from the header", async () => {
    fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/audit": ok(EMPTY_AUDIT),
    });
    renderConsole("/console/journal");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Journal des actions" }),
    ).toBeVisible();
    expect(document.title).toBe("Journal des actions — Console MGEN Connect");
    expect(within(header()).getByRole("link", { name: "Journal des actions" })).toBeVisible();
    expect(within(header()).getByText(SUPERVISEUR.name)).toBeVisible();
    expect(within(header()).getByText("(Superviseur)")).toBeVisible();
  });

  it("sends a conseiller from the journal to the search, saying why, without asking the journal", async () => {
    const api = fakeApi({ "GET /api/staff/session": session(CONSEILLER) });
    renderConsole("/console/journal");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Rechercher un adhérent" }),
    ).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Cette page est réservée aux superviseurs.",
    );
    expect(within(header()).queryByRole("link", { name: "Journal des actions" })).toBeNull();
    expect(api.to("GET /api/staff/audit")).toHaveLength(0);
  });

  it("sends an adviser without a session to the sign-in page", async () => {
    const api = fakeApi({ "GET /api/staff/session": session(null) });
    renderConsole("/console/journal");

    expect(await screen.findByLabelText("Adresse email")).toBeVisible();
    expect(screen.getByRole("heading", { level: 1, name: "Connexion à la console" })).toBeVisible();
    expect(screen.queryByText(/Votre session a expiré/)).not.toBeInTheDocument();
    expect(api.to("GET /api/staff/audit")).toHaveLength(0);
  });

  it("says the session expired when a call answers 401, and comes back after signing in", async () => {
    fakeApi({
      "GET /api/staff/session": [session(CONSEILLER), session(CONSEILLER)],
      "POST /api/staff/members/search": apiError(401, "UNAUTHENTICATED", "Session expirée."),
      "POST /api/staff/login": ok({ mfa: "totp" }),
      "POST /api/staff/login/totp": ok({ name: CONSEILLER.name, role: CONSEILLER.role }),
    });
    const { user } = renderConsole({ pathname: "/console/", state: { q: "Dupont" } });

    expect(
      await screen.findByText("Votre session a expiré : connectez-vous à nouveau."),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Se déconnecter" })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("Adresse email"), CONSEILLER.email);
    await user.type(screen.getByLabelText("Mot de passe"), "Demo-Staff-2026");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.type(await screen.findByLabelText("Code de vérification"), "123456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    // Back to the search it was on.
    expect(await screen.findByRole("searchbox", { name: "Rechercher un adhérent" })).toHaveValue(
      "Dupont",
    );
  });

  it("signs out from the header", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "POST /api/staff/logout": { status: 204 },
    });
    const { user } = renderConsole("/console/");
    await user.click(await screen.findByRole("button", { name: "Se déconnecter" }));

    expect(await screen.findByText("Vous êtes déconnecté(e).")).toBeVisible();
    expect(screen.getByLabelText("Adresse email")).toBeVisible();
    expect(api.to("POST /api/staff/logout")[0]?.headers["Content-Type"]).toBe("application/json");
  });

  it("shows the API's refusal when the journal answers 403", async () => {
    fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/audit": apiError(403, "FORBIDDEN", "Votre rôle ne permet pas cette action."),
    });
    renderConsole("/console/journal");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Votre rôle ne permet pas cette action.",
    );
  });
});
