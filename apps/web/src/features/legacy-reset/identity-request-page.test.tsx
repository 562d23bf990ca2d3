import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, renderApp } from "../../test/web";

const NEUTRAL =
  "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.";
const CONNECT_RESET = "Réinitialisez le mot de passe de votre identifiant MGEN Connect";

type User = ReturnType<typeof renderApp>["user"];

async function fillIdentity(user: User, nir: string) {
  await user.type(screen.getByRole("textbox", { name: "Numéro de sécurité sociale" }), nir);
  const date = screen.getByRole("group", { name: "Date de naissance" });
  await user.type(within(date).getByRole("textbox", { name: "Jour" }), "15");
  await user.type(within(date).getByRole("textbox", { name: "Mois" }), "08");
  await user.type(within(date).getByRole("textbox", { name: "Année" }), "1990");
}

describe("forgotten password and unlock pages (NIR + date of birth)", () => {
  for (const [path, title] of [
    ["/mot-de-passe-oublie", "Mot de passe oublié"],
    ["/debloquer-mon-compte", "Débloquer mon compte"],
  ] as const) {
    it(`${path} leads a member who signs in by email to the MGEN Connect reset`, async () => {
      fakeApi({});
      const { user, where } = renderApp(path);
      expect(await screen.findByRole("heading", { level: 1, name: title })).toBeVisible();

      const link = screen.getByRole("link", { name: CONNECT_RESET });
      expect(link).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
      await user.click(link);
      expect(
        await screen.findByRole("heading", { level: 1, name: "Mot de passe MGEN Connect oublié" }),
      ).toBeVisible();
      expect(where().pathname).toBe("/connect/mot-de-passe-oublie");
    });
  }

  it("checks the NIR's key as soon as it is complete", async () => {
    const api = fakeApi({});
    const { user } = renderApp("/mot-de-passe-oublie");
    const nir = await screen.findByRole("textbox", { name: "Numéro de sécurité sociale" });
    await user.type(nir, "2 90 08 69 123 045 12");

    expect(
      await screen.findByText("La clé de contrôle ne correspond pas : vérifiez votre numéro."),
    ).toBeVisible();
    expect(nir).toHaveAttribute("aria-invalid", "true");
    expect(api.calls).toHaveLength(0);
  });

  it("gives the same neutral answer, with the member service for whoever has no contact email", async () => {
    const api = fakeApi({ "POST /api/legacy/unlock": { status: 202, body: { message: NEUTRAL } } });
    const { user } = renderApp("/debloquer-mon-compte");
    await screen.findByRole("heading", { level: 1, name: "Débloquer mon compte" });
    await fillIdentity(user, "1 75 12 13 055 123 66");
    await user.click(screen.getByRole("button", { name: "Débloquer mon compte" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Demande envoyée" })).toHaveFocus();
    expect(screen.getByText(NEUTRAL)).toBeVisible();
    expect(screen.getByRole("link", { name: /^36\s76$/ })).toHaveAttribute("href", "tel:3676");
    expect(screen.getByRole("link", { name: "Revenir à la connexion" })).toHaveAttribute(
      "href",
      "/connexion",
    );
    expect(api.to("POST /api/legacy/unlock")[0]?.body).toEqual({
      nir: "175121305512366",
      birthDate: "1990-08-15",
    });
  });

  it("says when to ask again when the request is throttled", async () => {
    fakeApi({
      "POST /api/legacy/forgot-password": {
        ...apiError("RATE_LIMITED"),
        headers: { "Retry-After": "120" },
      },
    });
    const { user } = renderApp("/mot-de-passe-oublie");
    await screen.findByRole("heading", { level: 1, name: "Mot de passe oublié" });
    await fillIdentity(user, "2 90 08 69 123 045 11");
    await user.click(screen.getByRole("button", { name: "Recevoir un lien" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Vous pourrez redemander un lien dans 2 minutes.",
    );
  });
});
