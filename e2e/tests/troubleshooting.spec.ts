import { DEMO, expect, fillIdentity, linkIn, signIn, test } from "../support/fixtures";

const NEW_PASSWORD = "Tournesol velours parapluie 2031";

test("Paul unlocks his Espace from the emailed link, then starts the wizard", async ({
  page,
  mailbox,
}) => {
  await signIn(page, DEMO.paul.nir, DEMO.espacePassword);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Votre compte est bloqué suite à plusieurs erreurs de saisie de votre mot de passe",
  );
  await expect(alert.getByRole("link", { name: "Aide : compte bloqué" })).toHaveAttribute(
    "href",
    /\/aide#compte-bloque$/,
  );
  await alert.getByRole("link", { name: "Débloquer mon compte" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Débloquer mon compte");
  await fillIdentity(page, DEMO.paul.nir, DEMO.paul.born);
  await page.getByRole("button", { name: "Débloquer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demande envoyée");
  await expect(
    page.getByText("Si ces informations correspondent à un Espace personnel"),
  ).toBeVisible();

  const mail = await mailbox.waitFor(DEMO.paul.email, /Débloquez votre compte/);
  await page.goto(linkIn(mail, "/reinitialisation"));
  await expect(page).toHaveURL(/\/reinitialisation$/); // the token left the address bar
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Choisissez un nouveau mot de passe",
  );
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Votre mot de passe a été modifié",
  );
  await expect(
    page.getByText("Lors de votre prochaine connexion vous pourrez changer votre identifiant."),
  ).toBeVisible();

  await page.getByRole("link", { name: "Me connecter" }).click();
  await page.getByLabel("Identifiant").fill(DEMO.paul.nir);
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Paul");
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.paul.email);
});

test("Claire, who never created a password, creates her first one", async ({ page, mailbox }) => {
  await signIn(page, DEMO.claire.nir, "nimporte-quoi");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    "Vous n'avez pas créé de mot de passe lors de la demande d'activation de votre compte",
  );
  await alert.getByRole("link", { name: "Créer mon mot de passe" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié");
  await fillIdentity(page, DEMO.claire.nir, DEMO.claire.born);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demande envoyée");

  const mail = await mailbox.waitFor(DEMO.claire.email, /nouveau mot de passe/);
  await page.goto(linkIn(mail, "/reinitialisation"));
  await expect(page).toHaveURL(/\/reinitialisation$/);
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Votre mot de passe a été modifié",
  );

  await signIn(page, DEMO.claire.nir, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Claire");
});

test("Marie locks her Espace by mistake and finds the way to unlock it", async ({
  page,
  mailbox,
}) => {
  await page.goto("/connexion");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel("Identifiant").fill(DEMO.marie.nir);
    await page.getByLabel("Mot de passe", { exact: true }).fill(`erreur-${attempt}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "Au bout de 5 erreurs, votre compte sera bloqué.",
    );
  }
  await page.getByLabel("Mot de passe", { exact: true }).fill("erreur-5");
  await page.getByRole("button", { name: "Se connecter" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Votre compte est bloqué");

  // The lock is announced by email too, with the same way out.
  const notice = await mailbox.waitFor(DEMO.marie.email, /Votre compte est bloqué/);
  expect(notice.links.some((l) => l.endsWith("/debloquer-mon-compte"))).toBe(true);

  await alert.getByRole("link", { name: "Aide : compte bloqué" }).click();
  await expect(page).toHaveURL(/\/aide#compte-bloque$/);
  await expect(page.getByRole("heading", { name: "Mon compte est bloqué" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Débloquer mon compte" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Débloquer mon compte");
});

test("Léa, who has no email address, finds help from the wizard", async ({ page, context }) => {
  await signIn(page, DEMO.lea.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue("");
  await page.getByRole("link", { name: "Vous n'avez pas d'adresse email ?" }).click();

  await expect(page).toHaveURL(/\/aide\/creer-une-adresse-email$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Créer une adresse email");
  for (const provider of ["Gmail", "Outlook", "Yahoo"]) {
    const link = page.getByRole("link", { name: new RegExp(`Créer une adresse ${provider}`) });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", /noopener/);
  }
  await expect(page.getByRole("link", { name: /Créer une adresse Gmail/ })).toHaveAttribute(
    "href",
    "https://accounts.google.com/signup",
  );
  expect(context.pages()).toHaveLength(1);
});
