import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  apiError,
  currentStep,
  expectBackAtStepOneAddressTaken,
  migrationState,
  renderWizard,
} from "../../test/web";

const PENDING = migrationState({
  step: "pending",
  proposedEmail: "marie.perso@example.org",
  pendingEmail: "marie.perso@example.org",
});

describe("migration wizard, step 3 (Confirmation) while the validation link is awaited", () => {
  it("says where the email went and that nothing changes before its link is opened", async () => {
    await renderWizard(PENDING);

    expect(
      screen.getByRole("heading", { level: 2, name: "Étape 3 sur 3 – Confirmation" }),
    ).toBeVisible();
    expect(currentStep()).toBe("3. Confirmation");
    expect(screen.getByText("marie.perso@example.org")).toBeVisible();
    expect(screen.getByText(/Le lien est valable 24 heures\./)).toBeVisible();
    expect(screen.getByText(/Rien n'est changé tant que vous n'avez pas cliqué/)).toBeVisible();
  });

  it("sends the email again on « Renvoyer l'email » and says only the last link works", async () => {
    const { api, user } = await renderWizard(PENDING, () => ({
      "POST /api/migration/resend": { status: 202, body: {} },
    }));
    await user.click(screen.getByRole("button", { name: "Renvoyer l'email" }));

    expect(
      await screen.findByText(
        "Un nouvel email vient de vous être envoyé. Seul le lien de ce dernier email fonctionne.",
      ),
    ).toBeVisible();
    expect(api.to("POST /api/migration/resend")).toHaveLength(1);
    expect(api.to("POST /api/migration/resend")[0]?.body).toEqual({});
  });

  it("says when to ask again when resending is throttled", async () => {
    const { user } = await renderWizard(PENDING, () => ({
      "POST /api/migration/resend": {
        ...apiError("RATE_LIMITED"),
        headers: { "Retry-After": "45" },
      },
    }));
    await user.click(screen.getByRole("button", { name: "Renvoyer l'email" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Vous pourrez redemander un email dans 45 secondes.");
  });

  it("goes back to step 1 on « Modifier l'adresse », starting from the awaited address", async () => {
    const { user } = await renderWizard(PENDING);
    await user.click(screen.getByRole("button", { name: "Modifier l'adresse" }));

    expect(
      await screen.findByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
    ).toHaveFocus();
    expect(currentStep()).toBe("1. Identifiant");
    expect(screen.getByRole("textbox", { name: "Adresse email" })).toHaveValue(
      "marie.perso@example.org",
    );
    // Changing one's mind returns to the step the server still holds.
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    await waitFor(() => expect(currentStep()).toBe("3. Confirmation"));
  });

  it("goes back to step 1 with the reason when another Espace took the address meanwhile", async () => {
    const { user } = await renderWizard(PENDING, (server) => ({
      "POST /api/migration/resend": () => {
        server.update({ step: "email", pendingEmail: undefined, proposedEmail: null });
        return apiError("EMAIL_TAKEN");
      },
    }));
    await user.click(screen.getByRole("button", { name: "Renvoyer l'email" }));

    await expectBackAtStepOneAddressTaken();
  });
});
