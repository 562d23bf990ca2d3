import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ME, MEMBER, migrationState, ok, renderApp } from "../test/web";

const ANONYMOUS = { state: "anonymous" } as const;

async function signInPageShown() {
  expect(
    await screen.findByRole("heading", { level: 1, name: "Connexion à votre Espace personnel" }),
  ).toBeVisible();
}

describe("route guards", () => {
  it("sends a visitor without a session from /espace to /connexion, without asking the Espace", async () => {
    const api = fakeApi({ "GET /api/session": ok(ANONYMOUS) });
    const { where } = renderApp("/espace");

    await signInPageShown();
    expect(where().pathname).toBe("/connexion");
    // Sent there, not signed out: no notice.
    expect(screen.queryByText("Vous êtes déconnecté(e).")).not.toBeInTheDocument();
    expect(screen.queryByText(/Votre session a expiré/)).not.toBeInTheDocument();
    expect(api.to("GET /api/me")).toHaveLength(0);
  });

  it("sends a visitor without a session from /migration to /connexion, without asking the wizard", async () => {
    const api = fakeApi({ "GET /api/session": ok(ANONYMOUS) });
    const { where } = renderApp("/migration");

    await signInPageShown();
    expect(where().pathname).toBe("/connexion");
    expect(api.to("GET /api/migration")).toHaveLength(0);
    // The server's answer is asked again once before leaving: it may have just changed.
    expect(api.to("GET /api/session")).toHaveLength(2);
  });

  it("sends a NIR session from /espace to the wizard", async () => {
    const state = migrationState();
    const api = fakeApi({ "GET /api/session": ok(state), "GET /api/migration": ok(state) });
    const { where } = renderApp("/espace");

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
    ).toBeVisible();
    expect(screen.getByRole("heading", { level: 1, name: "Bonjour Marie" })).toBeVisible();
    expect(where().pathname).toBe("/migration");
    expect(api.to("GET /api/me")).toHaveLength(0);
  });

  it("sends a member session from /migration to the Espace", async () => {
    const api = fakeApi({ "GET /api/session": ok(MEMBER), "GET /api/me": ok(ME) });
    const { where } = renderApp("/migration");

    expect(await screen.findByText("marie.dupont@example.fr")).toBeVisible();
    expect(screen.getByRole("heading", { level: 1, name: "Bonjour Marie" })).toBeVisible();
    expect(where().pathname).toBe("/espace");
    expect(api.to("GET /api/migration")).toHaveLength(0);
  });

  it("opens the page when the server's second answer matches it (a session changed a moment ago)", async () => {
    fakeApi({ "GET /api/session": [ok(ANONYMOUS), ok(MEMBER)], "GET /api/me": ok(ME) });
    const { where } = renderApp("/espace");

    expect(await screen.findByText("marie.dupont@example.fr")).toBeVisible();
    expect(where().pathname).toBe("/espace");
  });

  it("says when the session cannot be checked, and tries again on request", async () => {
    fakeApi({
      "GET /api/session": [
        apiError("RATE_LIMITED", "Trop de demandes : patientez un moment."),
        ok(MEMBER),
      ],
      "GET /api/me": ok(ME),
    });
    const { user, where } = renderApp("/espace");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Trop de demandes : patientez un moment.",
    );
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByText("marie.dupont@example.fr")).toBeVisible();
    expect(where().pathname).toBe("/espace");
  });

  it("shows the Espace to a member, and signing out leads to /connexion with its notice", async () => {
    let session: { state: string } = MEMBER;
    fakeApi({
      "GET /api/session": () => ok(session),
      "GET /api/me": ok(ME),
      "POST /api/logout": () => {
        session = ANONYMOUS;
        return ok();
      },
    });
    const { user, where } = renderApp("/espace");
    expect(await screen.findByText("marie.dupont@example.fr")).toBeVisible();
    expect(screen.getByText("Identifiant changé le 30 novembre 2026")).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Se déconnecter" }));
    expect(await screen.findByText("Vous êtes déconnecté(e).")).toBeVisible();
    expect(where().pathname).toBe("/connexion");
  });
});
