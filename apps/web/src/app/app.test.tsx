import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, MEMBER, ok } from "../test/web";
import { App } from "./app";

// The whole SPA as main.tsx mounts it (its own query client and browser router): the
// expiry of a session is the query client's to notice, so only the real App shows it.
describe("the SPA", () => {
  it("sends a member whose session expired to /connexion, saying so", async () => {
    fakeApi({
      "GET /api/session": ok(MEMBER),
      "GET /api/me": apiError("UNAUTHENTICATED"),
    });
    window.history.pushState(null, "", "/espace");
    render(<App />);

    expect(
      await screen.findByText("Votre session a expiré : connectez-vous à nouveau."),
    ).toBeVisible();
    expect(
      screen.getByRole("heading", { level: 1, name: "Connexion à votre Espace personnel" }),
    ).toBeVisible();
    expect(window.location.pathname).toBe("/connexion");
  });
});
