import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  apiError,
  currentStep,
  expectBackAtStepOneAddressTaken,
  ME,
  MEMBER,
  migrationState,
  ok,
  renderWizard,
} from "../../test/web";

/** Accepted by the policy the SPA loads (score 4, no personal data). */
const STRONG = "Girafe violette sous la pluie d'avril";
const SECURITY = migrationState({ step: "security" });

type User = Awaited<ReturnType<typeof renderWizard>>["user"];

async function fillPasswords(user: User, password: string, confirmation = password) {
  // Pasting is allowed (SPEC "New passwords"), and what a member with a manager does.
  await user.click(screen.getByLabelText("Nouveau mot de passe"));
  await user.paste(password);
  await user.click(screen.getByLabelText("Confirmez le mot de passe"));
  await user.paste(confirmation);
}

async function chooseQuestion(user: User, answer: string) {
  await user.selectOptions(
    screen.getByRole("combobox", { name: "Question secrète" }),
    "Quel était le nom de votre premier animal de compagnie ?",
  );
  await user.type(screen.getByRole("textbox", { name: "Réponse à la question secrète" }), answer);
}

describe("migration wizard, step 2 (Sécurité) when creating the identity", () => {
  it("spells out the policy and asks a secret question, whose answer field comes once chosen", async () => {
    const { user } = await renderWizard(SECURITY);

    expect(currentStep()).toBe("2. Sécurité");
    expect(screen.getByText("marie.dupont@example.fr")).toBeVisible();
    const password = screen.getByLabelText("Nouveau mot de passe");
    expect(password).toHaveAttribute("type", "password");
    expect(password).toHaveAttribute("autocomplete", "new-password");
    expect(password).toHaveAccessibleDescription(
      expect.stringContaining("Entre 12 et 128 caractères, tous les caractères sont permis."),
    );
    expect(password).toHaveAccessibleDescription(
      expect.stringContaining(
        "Sans votre nom, votre prénom, votre date de naissance ni votre adresse email.",
      ),
    );
    expect(
      screen.getByText(
        "Ces derniers éléments vous seront demandés en cas d'oubli de mot de passe ou de déblocage de votre compte, pensez bien à les mémoriser.",
      ),
    ).toBeVisible();

    const question = screen.getByRole("combobox", { name: "Question secrète" });
    expect(within(question).getAllByRole("option")).toHaveLength(7);
    expect(
      screen.queryByRole("textbox", { name: "Réponse à la question secrète" }),
    ).not.toBeInTheDocument();
    await user.selectOptions(question, "Quel plat de votre enfance préfériez-vous ?");
    expect(
      screen.getByRole("textbox", { name: "Réponse à la question secrète" }),
    ).toHaveAccessibleDescription(
      "Au moins 3 caractères. Les majuscules et les accents ne comptent pas.",
    );
  });

  it("lists every missing field at once, without sending anything", async () => {
    const { api, user } = await renderWizard(SECURITY);
    await user.click(screen.getByRole("button", { name: "Valider" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("heading")).toHaveTextContent(
      "Le formulaire contient 3 erreurs",
    );
    expect(
      within(summary)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual([
      "Choisissez un mot de passe.",
      "Saisissez à nouveau votre mot de passe.",
      "Choisissez une question dans la liste.",
    ]);
    expect(screen.getByRole("combobox", { name: "Question secrète" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(api.to("POST /api/migration/create")).toHaveLength(0);
  });

  it("refuses an answer shorter than 3 characters", async () => {
    const { user } = await renderWizard(SECURITY);
    await fillPasswords(user, STRONG);
    await chooseQuestion(user, "ab");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    const answer = screen.getByRole("textbox", { name: "Réponse à la question secrète" });
    await waitFor(() => expect(answer).toHaveAttribute("aria-invalid", "true"));
    expect(answer).toHaveAccessibleDescription(
      expect.stringContaining("La réponse doit compter au moins 3 caractères."),
    );
  });

  it("puts the server's WEAK_PASSWORD reason on the password field", async () => {
    const reason = "Ce mot de passe figure dans une liste de mots de passe divulgués.";
    const { api, user } = await renderWizard(SECURITY, () => ({
      "POST /api/migration/create": apiError("WEAK_PASSWORD", undefined, { password: reason }),
    }));
    // Wait for the policy to load: the meter judges the password first.
    await fillPasswords(user, STRONG);
    expect(
      await screen.findByText(/ce mot de passe convient/, {}, { timeout: 5000 }),
    ).toBeVisible();
    await chooseQuestion(user, " Médor ");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    const password = screen.getByLabelText("Nouveau mot de passe");
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription(expect.stringContaining(reason)),
    );
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveFocus();
    expect(api.to("POST /api/migration/create")[0]?.body).toEqual({
      email: "marie.dupont@example.fr",
      password: STRONG,
      secretQuestionId: "pet",
      secretAnswer: "medor",
    });
  });

  it("shows step 3 when a validation email was sent to a new address", async () => {
    const state = migrationState({ step: "security", proposedEmail: "marie.perso@example.org" });
    const { user } = await renderWizard(state, (server) => ({
      "POST /api/migration/create": () => {
        server.update({ step: "pending", pendingEmail: "marie.perso@example.org" });
        return {
          status: 202,
          body: { ...state, step: "pending", pendingEmail: "marie.perso@example.org" },
        };
      },
    }));
    await fillPasswords(user, STRONG);
    await chooseQuestion(user, "Médor");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 3 sur 3 – Confirmation" }),
    ).toBeVisible();
    expect(currentStep()).toBe("3. Confirmation");
    expect(screen.getByText("marie.perso@example.org")).toBeVisible();
  });

  it("opens the Espace with a success message when the contact email was chosen", async () => {
    const { user, where } = await renderWizard(SECURITY, (server) => ({
      "POST /api/migration/create": () => {
        server.set(MEMBER);
        return ok(MEMBER);
      },
      "GET /api/me": ok(ME),
    }));
    await fillPasswords(user, STRONG);
    await chooseQuestion(user, "Médor");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    expect(
      await screen.findByText(
        "Votre identifiant de connexion est désormais marie.dupont@example.fr.",
      ),
    ).toBeVisible();
    expect(where().pathname).toBe("/espace");
    expect(screen.queryByRole("list", { name: "Étapes du changement d'identifiant" })).toBeNull();
  });

  it("goes back to step 1 to change the address, and back to step 2 on « Annuler »", async () => {
    const { user } = await renderWizard(SECURITY);
    await user.click(screen.getByRole("button", { name: "Modifier" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
    ).toHaveFocus();
    expect(screen.getByRole("textbox", { name: "Adresse email" })).toHaveValue(
      "marie.dupont@example.fr",
    );
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 3 – Sécurité" }),
    ).toHaveFocus();
  });

  it("goes back to step 1 with the server's reason when the address was taken meanwhile", async () => {
    const { user } = await renderWizard(SECURITY, () => ({
      "POST /api/migration/create": apiError("EMAIL_TAKEN"),
    }));
    await fillPasswords(user, STRONG);
    await chooseQuestion(user, "Médor");
    await user.click(screen.getByRole("button", { name: "Valider" }));

    await expectBackAtStepOneAddressTaken();
  });
});
