import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, currentStep, ME, migrationState, ok, renderWizard } from "../../test/web";

const JEAN = migrationState({
  firstName: "Jean",
  step: "link",
  proposedEmail: "jean.martin@example.fr",
});

type User = Awaited<ReturnType<typeof renderWizard>>["user"];

async function link(user: User, password: string) {
  await user.type(screen.getByLabelText("Mot de passe MGEN Connect"), password);
  await user.click(screen.getByRole("button", { name: "Associer mon identifiant" }));
}

describe("migration wizard, step 2 (Sécurité) when linking an existing MGEN Connect identity", () => {
  it("explains the linking and offers the MGEN Connect reset for this address", async () => {
    const { user, where } = await renderWizard(JEAN);

    expect(currentStep()).toBe("2. Sécurité");
    expect(
      screen.getByText(
        "Cette adresse email est déjà associée à un identifiant MGEN Connect (MGEN Avantage, forum MGEN…). Saisissez le mot de passe de ce compte pour l'associer à votre Espace personnel.",
      ),
    ).toBeVisible();
    expect(screen.getByText("jean.martin@example.fr")).toBeVisible();

    await user.click(screen.getByRole("link", { name: "Mot de passe oublié ?" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mot de passe MGEN Connect oublié" }),
    ).toBeVisible();
    expect(where().pathname).toBe("/connect/mot-de-passe-oublie");
    expect(screen.getByRole("textbox", { name: "Adresse email" })).toHaveValue(
      "jean.martin@example.fr",
    );
  });

  it("asks for the password before sending anything", async () => {
    const { api, user } = await renderWizard(JEAN);
    await user.click(screen.getByRole("button", { name: "Associer mon identifiant" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Saisissez votre mot de passe.");
    expect(screen.getByLabelText("Mot de passe MGEN Connect")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(api.to("POST /api/migration/link")).toHaveLength(0);
  });

  it("says the password is wrong, warns of the lock after 5 errors, and clears the field for the next try", async () => {
    const { api, user } = await renderWizard(JEAN, () => ({
      "POST /api/migration/link": apiError("INVALID_CREDENTIALS"),
    }));
    await link(user, "Pas-le-bon");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
    );
    expect(
      within(alert).getByRole("link", { name: "Aide : mot de passe MGEN Connect oublié" }),
    ).toHaveAttribute("href", "/aide#mot-de-passe-connect-oublie");
    const password = screen.getByLabelText("Mot de passe MGEN Connect");
    await waitFor(() => expect(password).toHaveFocus());
    expect(password).toHaveValue("");
    expect(api.to("POST /api/migration/link")[0]?.body).toEqual({
      email: "jean.martin@example.fr",
      password: "Pas-le-bon",
    });
  });

  it("replaces the form by the way out when the identity was never validated", async () => {
    const { user } = await renderWizard(
      migrationState({ firstName: "Emma", step: "link", proposedEmail: "emma.richard@example.fr" }),
      () => ({ "POST /api/migration/link": apiError("IDENTITY_NOT_VALIDATED") }),
    );
    await link(user, "Demo-Connect-2026");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Votre identifiant MGEN Connect n'a pas été validé.");
    expect(alert).toHaveTextContent(
      "reconnectez-vous avec votre numéro de sécurité sociale pour recommencer la procédure de changement d'identifiant",
    );
    expect(
      within(alert).getByRole("link", { name: "Aide : identifiant MGEN Connect non validé" }),
    ).toHaveAttribute("href", "/aide#identite-non-validee");
    expect(screen.queryByLabelText("Mot de passe MGEN Connect")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Revenir à la connexion" })).toBeVisible();
  });

  it("replaces the form by the way out when the identity is locked, and signs out on request", async () => {
    const { api, user, where } = await renderWizard(
      migrationState({ firstName: "Hugo", step: "link", proposedEmail: "hugo.durand@example.fr" }),
      (server) => ({
        "POST /api/migration/link": apiError("IDENTITY_LOCKED"),
        "POST /api/logout": () => {
          server.set({ state: "anonymous" });
          return ok();
        },
      }),
    );
    await link(user, "Demo-Connect-2026");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Votre identifiant MGEN Connect est bloqué. Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
    );
    expect(
      within(alert).getByRole("link", { name: "Aide : identifiant MGEN Connect bloqué" }),
    ).toHaveAttribute("href", "/aide#identite-connect-bloquee");
    expect(screen.queryByRole("button", { name: "Associer mon identifiant" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Revenir à la connexion" }));
    expect(await screen.findByText("Vous êtes déconnecté(e).")).toBeVisible();
    expect(where().pathname).toBe("/connexion");
    expect(api.to("POST /api/logout")).toHaveLength(1);
  });

  it("opens the Espace once the identity is linked", async () => {
    const member = { state: "member", firstName: "Jean", email: "jean.martin@example.fr" } as const;
    const { user, where } = await renderWizard(JEAN, (server) => ({
      "POST /api/migration/link": () => {
        server.set(member);
        return ok(member);
      },
      "GET /api/me": ok({ ...ME, firstName: "Jean", lastName: "Martin", email: member.email }),
    }));
    await link(user, "Demo-Connect-2026");

    expect(
      await screen.findByText(
        "Votre identifiant de connexion est désormais jean.martin@example.fr.",
      ),
    ).toBeVisible();
    expect(where().pathname).toBe("/espace");
  });
});
