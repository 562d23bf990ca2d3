import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, currentStep, migrationState, ok, renderWizard } from "../../test/web";

const TAKEN =
  "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.";

function emailField() {
  return screen.getByRole("textbox", { name: "Adresse email" });
}

describe("migration wizard, step 1 (Identifiant)", () => {
  it("greets the member, shows the steps and proposes the contact email", async () => {
    await renderWizard(migrationState());

    expect(
      screen.getByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
    ).toBeVisible();
    expect(currentStep()).toBe("1. Identifiant");
    expect(emailField()).toHaveValue("marie.dupont@example.fr");
    expect(screen.getByRole("link", { name: "Vous n'avez pas d'adresse email ?" })).toHaveAttribute(
      "href",
      "/aide/creer-une-adresse-email",
    );
    expect(document.title).toBe("Étape 1 sur 3 – Identifiant – Identifiant MGEN Connect");
  });

  it("asks for an address when the field is left empty, without sending anything", async () => {
    const { api, user } = await renderWizard(
      migrationState({ firstName: "Léa", proposedEmail: null }),
    );
    expect(emailField()).toHaveValue("");

    await user.click(screen.getByRole("button", { name: "Continuer" }));

    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: "Saisissez une adresse email." }),
    ).toHaveAttribute("href", "#email");
    expect(emailField()).toHaveAttribute("aria-invalid", "true");
    expect(emailField()).toHaveAccessibleDescription(
      expect.stringContaining("Saisissez une adresse email."),
    );
    expect(api.to("POST /api/migration/email")).toHaveLength(0);
  });

  it("says why the field is empty when the contact email is another Espace's identifier", async () => {
    await renderWizard(
      migrationState({ firstName: "Sophie", proposedEmail: null, contactEmailTaken: true }),
    );

    expect(
      screen.getByText(
        /Votre adresse email habituelle est déjà l'identifiant d'un autre Espace personnel/,
      ),
    ).toBeVisible();
    expect(emailField()).toHaveValue("");
  });

  it("refuses an address already used by another Espace, on the field, and lets the member choose another", async () => {
    const { api, user } = await renderWizard(
      migrationState({ firstName: "Sophie", proposedEmail: null }),
      (server) => ({
        "POST /api/migration/email": (body) => {
          const { email } = body as { email: string };
          if (email === "famille.bernard@example.fr") return apiError("EMAIL_TAKEN");
          server.update({ step: "security", proposedEmail: email });
          return ok({ next: "create" });
        },
      }),
    );

    await user.type(emailField(), "famille.bernard@example.fr");
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    await waitFor(() =>
      expect(emailField()).toHaveAccessibleDescription(expect.stringContaining(TAKEN)),
    );
    expect(emailField()).toHaveAttribute("aria-invalid", "true");
    expect(emailField()).toHaveFocus();
    expect(within(screen.getByRole("alert")).getByRole("link", { name: TAKEN })).toHaveAttribute(
      "href",
      "#email",
    );
    // Still step 1, with its ways out: another address, or help to create one.
    expect(currentStep()).toBe("1. Identifiant");
    expect(screen.getByRole("link", { name: "Vous n'avez pas d'adresse email ?" })).toBeVisible();

    await user.clear(emailField());
    await user.type(emailField(), "sophie.bernard@example.fr");
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 3 – Sécurité" }),
    ).toBeVisible();
    expect(api.to("POST /api/migration/email").map((c) => c.body)).toEqual([
      { email: "famille.bernard@example.fr" },
      { email: "sophie.bernard@example.fr" },
    ]);
  });

  it("suggests the provider meant by a pre-filled address with a typo, and uses it on request", async () => {
    const { user } = await renderWizard(
      migrationState({ proposedEmail: "marie.dupont@gmial.com" }),
    );

    const suggestion = await screen.findByText(/Vouliez-vous dire/);
    expect(suggestion).toHaveTextContent("Vouliez-vous dire marie.dupont@gmail.com ?");
    expect(emailField()).toHaveAccessibleDescription(
      expect.stringContaining("Vouliez-vous dire marie.dupont@gmail.com ?"),
    );

    await user.click(screen.getByRole("button", { name: "Utiliser cette adresse" }));
    expect(emailField()).toHaveValue("marie.dupont@gmail.com");
    expect(emailField()).toHaveFocus();
    expect(screen.queryByText(/Vouliez-vous dire/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Utiliser cette adresse" }),
    ).not.toBeInTheDocument();
  });

  it("suggests a correction of a typed address once the member leaves the field, not while typing", async () => {
    const { user } = await renderWizard(migrationState({ proposedEmail: null }));

    await user.type(emailField(), "marie@gmial.com");
    expect(screen.queryByText(/Vouliez-vous dire/)).not.toBeInTheDocument();
    await user.tab();
    expect(await screen.findByText(/Vouliez-vous dire/)).toHaveTextContent(
      "Vouliez-vous dire marie@gmail.com ?",
    );
  });

  it("goes on to the password creation when the server answers next: create", async () => {
    const { api, user } = await renderWizard(migrationState({ proposedEmail: null }), (server) => ({
      "POST /api/migration/email": (body) => {
        server.update({ step: "security", proposedEmail: (body as { email: string }).email });
        return ok({ next: "create" });
      },
    }));
    await user.type(emailField(), "  Marie.Perso@Example.ORG ");
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 3 – Sécurité" }),
    ).toBeVisible();
    expect(currentStep()).toBe("2. Sécurité");
    expect(screen.getByText("marie.perso@example.org")).toBeVisible();
    expect(screen.getByLabelText("Nouveau mot de passe")).toBeVisible();
    expect(screen.getByRole("combobox", { name: "Question secrète" })).toBeVisible();
    // The address leaves trimmed and lower-cased.
    expect(api.to("POST /api/migration/email")[0]?.body).toEqual({
      email: "marie.perso@example.org",
    });
  });

  it("goes on to linking the existing identity when the server answers next: link", async () => {
    const { user } = await renderWizard(
      migrationState({ firstName: "Jean", proposedEmail: "jean.martin@example.fr" }),
      (server) => ({
        "POST /api/migration/email": () => {
          server.update({ step: "link" });
          return ok({ next: "link" });
        },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 3 – Sécurité" }),
    ).toBeVisible();
    expect(
      screen.getByText(/Cette adresse email est déjà associée à un identifiant MGEN Connect/),
    ).toBeVisible();
    expect(screen.getByLabelText("Mot de passe MGEN Connect")).toBeVisible();
    expect(screen.getByRole("button", { name: "Associer mon identifiant" })).toBeVisible();
    expect(screen.queryByLabelText("Nouveau mot de passe")).not.toBeInTheDocument();
  });
});
