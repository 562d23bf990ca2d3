import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { migrationState, renderWizard } from "../test/web";

// The fields and their meter as members meet them first: step 2 of the wizard, which
// knows the member's first name and chosen address (SPEC "New passwords").
const SECURITY = migrationState({ step: "security", proposedEmail: "marie.dupont@example.fr" });

/** The policy's dictionaries load lazily: the first verdict may take a moment. */
const LOADED = { timeout: 5000 };

function passwordField() {
  return screen.getByLabelText("Nouveau mot de passe");
}

function confirmationField() {
  return screen.getByLabelText("Confirmez le mot de passe");
}

/** What the meter says, as read with the password field (it describes the field). */
async function meterSays(text: string) {
  await waitFor(
    () => expect(passwordField()).toHaveAccessibleDescription(expect.stringContaining(text)),
    LOADED,
  );
}

describe("new password fields and strength meter", () => {
  it("says nothing before anything is typed", async () => {
    await renderWizard(SECURITY);
    expect(passwordField()).not.toHaveAccessibleDescription(expect.stringContaining("Robustesse"));
  });

  it("calls a short, common password very weak as it is typed, and says why", async () => {
    const { user } = await renderWizard(SECURITY);
    await user.type(passwordField(), "azerty");

    await meterSays("Robustesse : Très faible");
    expect(passwordField()).toHaveAccessibleDescription(
      expect.stringContaining("Votre mot de passe doit compter au moins 12 caractères."),
    );
    expect(passwordField()).not.toHaveAccessibleDescription(
      expect.stringContaining("ce mot de passe convient"),
    );
  });

  it("accepts a long phrase of unusual words", async () => {
    const { user } = await renderWizard(SECURITY);
    await user.click(passwordField());
    await user.paste("Girafe violette sous la pluie d'avril");

    await meterSays("Robustesse : Très fort – ce mot de passe convient.");
  });

  it("refuses the member's first name, in plain French, live and on submission", async () => {
    const { api, user } = await renderWizard(SECURITY);
    await user.click(passwordField());
    await user.paste("Marie cueille des girafes violettes en avril");

    await meterSays("Votre mot de passe ne doit pas contenir votre prénom.");
    // A refused password never reads "Fort".
    expect(passwordField()).not.toHaveAccessibleDescription(expect.stringContaining("Fort"));

    await user.click(confirmationField());
    await user.paste("Marie cueille des girafes violettes en avril");
    await user.click(screen.getByRole("button", { name: "Valider" }));
    await waitFor(() => expect(passwordField()).toHaveAttribute("aria-invalid", "true"));
    expect(
      screen.getByRole("link", { name: "Votre mot de passe ne doit pas contenir votre prénom." }),
    ).toHaveAttribute("href", "#new-password");
    expect(api.to("POST /api/migration/create")).toHaveLength(0);
  });

  it("refuses the address's local part", async () => {
    const { user } = await renderWizard(SECURITY);
    await user.click(passwordField());
    await user.paste("marie.dupont et ses girafes violettes");

    await meterSays("Votre mot de passe ne doit pas contenir votre prénom et votre adresse email.");
  });

  it("says when the confirmation differs, and stops saying it once corrected", async () => {
    const { user } = await renderWizard(SECURITY);
    const differ =
      "Les deux mots de passe ne sont pas identiques : saisissez le même mot de passe dans les deux champs.";
    await user.click(passwordField());
    await user.paste("Girafe violette sous la pluie d'avril");
    await user.click(confirmationField());
    await user.paste("Girafe violette sous la pluie de mai");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    await waitFor(() =>
      expect(confirmationField()).toHaveAccessibleDescription(expect.stringContaining(differ)),
    );
    expect(confirmationField()).toHaveAttribute("aria-invalid", "true");

    await user.clear(confirmationField());
    await user.click(confirmationField());
    await user.paste("Girafe violette sous la pluie d'avril");
    await waitFor(() => expect(confirmationField()).not.toHaveAttribute("aria-invalid"));
    expect(screen.queryByText(differ)).not.toBeInTheDocument();
  });

  it("shows and hides each password on request", async () => {
    const { user } = await renderWizard(SECURITY);
    // The toggles are named by their text: "Afficher" and a hidden " le nouveau mot de
    // passe". jsdom's name computation drops the space a browser keeps, hence \s?.
    await user.click(screen.getByRole("button", { name: /^Afficher\s?le nouveau mot de passe$/ }));
    expect(passwordField()).toHaveAttribute("type", "text");
    await user.click(screen.getByRole("button", { name: /^Masquer\s?le nouveau mot de passe$/ }));
    expect(passwordField()).toHaveAttribute("type", "password");
    await user.click(
      screen.getByRole("button", { name: /^Afficher\s?la confirmation du mot de passe$/ }),
    );
    expect(confirmationField()).toHaveAttribute("type", "text");
  });
});
