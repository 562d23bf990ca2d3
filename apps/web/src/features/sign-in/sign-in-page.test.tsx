import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ME, MEMBER, migrationState, ok, renderApp } from "../../test/web";

const MARIE_NIR = "2 90 08 69 123 045 11";
const KEY_MESSAGE = "La clé de contrôle ne correspond pas : vérifiez votre numéro.";

function identifierField() {
  return screen.getByRole("textbox", { name: "Identifiant" });
}

async function signIn(
  user: ReturnType<typeof renderApp>["user"],
  identifier: string,
  password: string,
) {
  await user.type(identifierField(), identifier);
  await user.type(screen.getByLabelText("Mot de passe"), password);
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
}

/** The links of an alert, as "label → address". */
function linksOf(element: HTMLElement) {
  return within(element)
    .getAllByRole("link")
    .map((link) => `${link.textContent} → ${link.getAttribute("href")}`);
}

describe("sign-in page: the NIR checked as it is typed", () => {
  it("says the key is wrong as soon as the 15th character is typed, before any request", async () => {
    const api = fakeApi({});
    const { user } = renderApp("/connexion");
    expect(
      screen.getByRole("heading", { level: 1, name: "Connexion à votre Espace personnel" }),
    ).toBeVisible();
    const identifier = identifierField();

    await user.type(identifier, "2 90 08 69 123 045 1");
    expect(identifier).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText(KEY_MESSAGE)).not.toBeInTheDocument();

    await user.type(identifier, "2");
    expect(await screen.findByText(KEY_MESSAGE)).toBeVisible();
    expect(identifier).toHaveAttribute("aria-invalid", "true");
    expect(identifier).toHaveAccessibleDescription(expect.stringContaining(KEY_MESSAGE));
    // Nothing was submitted: no summary, no request.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);

    // Corrected, the message goes at once.
    await user.type(identifier, "{Backspace}1");
    await waitFor(() => expect(screen.queryByText(KEY_MESSAGE)).not.toBeInTheDocument());
    expect(identifier).not.toHaveAttribute("aria-invalid");
  });

  it("judges an unfinished NIR when the member leaves the field, not while typing", async () => {
    fakeApi({});
    const { user } = renderApp("/connexion");
    const length =
      "Le numéro de sécurité sociale compte 15 caractères, clé comprise (exemple : 2 90 08 69 123 045 11).";

    await user.type(identifierField(), "2 90 08 69");
    expect(screen.queryByText(length)).not.toBeInTheDocument();

    await user.tab();
    expect(await screen.findByText(length)).toBeVisible();
    expect(identifierField()).toHaveAccessibleDescription(expect.stringContaining(length));
  });

  it("does not check an email address while it is typed, only on leaving the field", async () => {
    fakeApi({});
    const { user } = renderApp("/connexion");
    const invalid = "Saisissez une adresse email valide, par exemple prenom.nom@exemple.fr.";

    // Longer than 15 characters, and not an address yet: nothing said while typing.
    await user.type(identifierField(), "marie.dupont.longue@");
    expect(identifierField()).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText(invalid)).not.toBeInTheDocument();

    await user.tab();
    expect(await screen.findByText(invalid)).toBeVisible();
  });
});

describe("sign-in page: submitting", () => {
  it("lists what is missing in a summary whose lines lead to the fields", async () => {
    const api = fakeApi({});
    const { user } = renderApp("/connexion");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("heading", { name: "Le formulaire contient 2 erreurs" }),
    ).toBeVisible();
    const toIdentifier = within(summary).getByRole("link", {
      name: "Saisissez votre numéro de sécurité sociale ou votre adresse email.",
    });
    const toPassword = within(summary).getByRole("link", { name: "Saisissez votre mot de passe." });
    expect(toIdentifier).toHaveAttribute("href", "#identifier");
    expect(toPassword).toHaveAttribute("href", "#password");

    await user.click(toPassword);
    expect(screen.getByLabelText("Mot de passe")).toHaveFocus();
    await user.click(toIdentifier);
    expect(identifierField()).toHaveFocus();
    expect(api.calls).toHaveLength(0);
  });

  it("explains wrong credentials by NIR, warns of the lock and leads to the forgotten password", async () => {
    const api = fakeApi({ "POST /api/login/nir": apiError("INVALID_CREDENTIALS") });
    const { user } = renderApp("/connexion");
    await signIn(user, MARIE_NIR, "Pas-le-bon");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Numéro de sécurité sociale ou mot de passe incorrect.");
    expect(alert).toHaveTextContent("Au bout de 5 erreurs, votre compte sera bloqué.");
    expect(linksOf(alert)).toEqual([
      "Mot de passe oublié ? → /mot-de-passe-oublie",
      "Aide : mot de passe oublié → /aide#mot-de-passe-oublie",
    ]);
    // The NIR leaves without its spaces.
    expect(api.to("POST /api/login/nir")[0]?.body).toEqual({
      nir: "290086912304511",
      password: "Pas-le-bon",
    });
  });

  it("explains wrong credentials by email and leads to the MGEN Connect reset", async () => {
    fakeApi({ "POST /api/login/email": apiError("INVALID_CREDENTIALS") });
    const { user } = renderApp("/connexion");
    await signIn(user, "marie.dupont@example.fr", "Pas-le-bon");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Adresse email ou mot de passe incorrect.");
    expect(alert).toHaveTextContent(
      "Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
    );
    expect(linksOf(alert)).toEqual([
      "Mot de passe MGEN Connect oublié ? → /connect/mot-de-passe-oublie",
      "Aide : mot de passe MGEN Connect oublié → /aide#mot-de-passe-connect-oublie",
    ]);
  });

  it("shows the server's word on a locked Espace, with the unlock page and its help", async () => {
    const locked =
      "Votre compte est bloqué suite à plusieurs erreurs de saisie de votre mot de passe. Un email vous a été envoyé à votre adresse de contact.";
    fakeApi({ "POST /api/login/nir": apiError("ACCOUNT_LOCKED", locked) });
    const { user } = renderApp("/connexion");
    await signIn(user, "1 75 12 13 055 123 66", "Demo-Espace-2026");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(locked);
    expect(linksOf(alert)).toEqual([
      "Débloquer mon compte → /debloquer-mon-compte",
      "Aide : compte bloqué → /aide#compte-bloque",
    ]);
  });

  it("leads a member who never created a password to its creation", async () => {
    fakeApi({ "POST /api/login/nir": apiError("NO_PASSWORD") });
    const { user } = renderApp("/connexion");
    await signIn(user, "2 66 09 99 350 012 18", "Demo-Espace-2026");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Vous n'avez pas créé de mot de passe lors de la demande d'activation de votre compte.",
    );
    expect(linksOf(alert)).toEqual([
      "Créer mon mot de passe → /mot-de-passe-oublie",
      "Aide : mot de passe jamais créé → /aide#pas-de-mot-de-passe",
    ]);
  });

  it("offers a migrated member to sign in by email: the identifier is emptied and focused", async () => {
    fakeApi({ "POST /api/login/nir": apiError("ALREADY_MIGRATED") });
    const { user } = renderApp("/connexion");
    await signIn(user, "1 78 02 44 109 087 54", "Demo-Espace-2026");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "La connexion à votre Espace personnel se fait désormais avec l'adresse email",
    );
    expect(alert).not.toHaveTextContent("@");
    await user.click(
      within(alert).getByRole("link", { name: "Se connecter avec mon adresse email" }),
    );
    expect(identifierField()).toHaveValue("");
    expect(identifierField()).toHaveFocus();
  });

  it("opens the migration wizard after a NIR sign-in", async () => {
    const state = migrationState();
    fakeApi({
      "POST /api/login/nir": ok(state),
      "GET /api/session": ok(state),
      "GET /api/migration": ok(state),
    });
    const { user, where } = renderApp("/connexion");
    await signIn(user, MARIE_NIR, "Demo-Espace-2026");

    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Marie" })).toBeVisible();
    expect(
      screen.getByRole("heading", { level: 2, name: "Étape 1 sur 3 – Identifiant" }),
    ).toBeVisible();
    expect(where().pathname).toBe("/migration");
  });

  it("opens the Espace personnel after an email sign-in, the address sent normalised", async () => {
    const api = fakeApi({
      "POST /api/login/email": ok(MEMBER),
      "GET /api/session": ok(MEMBER),
      "GET /api/me": ok(ME),
    });
    const { user, where } = renderApp("/connexion");
    await signIn(user, " Marie.Dupont@Example.fr ", "Demo-Connect-2026");

    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Marie" })).toBeVisible();
    expect(screen.getByText("marie.dupont@example.fr")).toBeVisible();
    expect(where().pathname).toBe("/espace");
    expect(api.to("POST /api/login/email")[0]?.body).toEqual({
      email: "marie.dupont@example.fr",
      password: "Demo-Connect-2026",
    });
  });
});

describe("sign-in page: « Mot de passe oublié ? » follows the identifier", () => {
  function forgotten() {
    return screen.getByRole("link", { name: "Mot de passe oublié ?" });
  }

  it("leads to the NIR and date of birth form when the field is empty or holds a NIR", async () => {
    fakeApi({});
    const { user, where } = renderApp("/connexion");
    expect(forgotten()).toHaveAttribute("href", "/mot-de-passe-oublie");

    await user.type(identifierField(), MARIE_NIR);
    expect(forgotten()).toHaveAttribute("href", "/mot-de-passe-oublie");

    await user.click(forgotten());
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mot de passe oublié" }),
    ).toBeVisible();
    expect(where().pathname).toBe("/mot-de-passe-oublie");
  });

  it("leads to the MGEN Connect reset with the address filled in when the field holds one", async () => {
    fakeApi({});
    const { user, where } = renderApp("/connexion");
    await user.type(identifierField(), " Marie.Dupont@Example.fr");
    expect(forgotten()).toHaveAttribute("href", "/connect/mot-de-passe-oublie");

    await user.click(forgotten());
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mot de passe MGEN Connect oublié" }),
    ).toBeVisible();
    expect(where()).toMatchObject({
      pathname: "/connect/mot-de-passe-oublie",
      state: { email: "marie.dupont@example.fr" },
    });
    expect(screen.getByRole("textbox", { name: "Adresse email" })).toHaveValue(
      "marie.dupont@example.fr",
    );
  });

  it("goes back to the NIR form when the address is erased", async () => {
    fakeApi({});
    const { user } = renderApp("/connexion");
    await user.type(identifierField(), "marie@example.fr");
    expect(forgotten()).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
    await user.clear(identifierField());
    expect(forgotten()).toHaveAttribute("href", "/mot-de-passe-oublie");
  });
});
