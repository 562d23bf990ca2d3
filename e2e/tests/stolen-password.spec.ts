import { DEMO, expect, fillIdentity, linkIn, signIn, test } from "../support/fixtures";

/**
 * SPEC "Notifications" and "Credential epoch": someone who stole Marie's legacy password
 * starts a migration to his own address; Marie's contact mailbox is told at once, she
 * cancels it from the notice and chooses a new password. Whatever he kept (the validation
 * link, the old password) no longer opens anything.
 */

const ATTACKER = "attaquant@evil.example";
const ATTACKER_PASSWORD = "Girafe bleue sous la pluie d'automne";
const NEW_PASSWORD = "Tournesol velours parapluie 2031";
const MARIE_BORN = ["15", "08", "1990"] as const;

test("Marie recovers from a stolen password: the notice, the cancel link, a new password", async ({
  page,
  browser,
  baseURL,
  mailbox,
}) => {
  // The attacker, in a browser of his own, gets as far as the validation email.
  const attackerContext = await browser.newContext({ baseURL: baseURL ?? "" });
  const attacker = await attackerContext.newPage();
  await signIn(attacker, DEMO.marie.nir, DEMO.espacePassword);
  await expect(attacker).toHaveURL(/\/migration$/);
  await attacker.getByLabel("Adresse email").fill(ATTACKER);
  await attacker.getByRole("button", { name: "Continuer" }).click();
  await attacker.getByLabel("Nouveau mot de passe").fill(ATTACKER_PASSWORD);
  await attacker.getByLabel("Confirmez le mot de passe").fill(ATTACKER_PASSWORD);
  await attacker.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await attacker.getByLabel("Réponse à la question secrète").fill("Rantanplan");
  await attacker.getByRole("button", { name: "Valider" }).click();
  await expect(attacker).toHaveTitle(/Étape 3 sur 3/);
  const validation = linkIn(await mailbox.waitFor(ATTACKER, /^Validez/), "/validation-email");

  // Marie reads her contact mailbox: a change she did not ask for.
  const notice = await mailbox.waitFor(DEMO.marie.email, /^Demande de changement d'identifiant/);
  expect(notice.text).toContain(ATTACKER);
  expect(notice.text).toContain("Si vous n'êtes pas à l'origine de cette demande, annulez-la");
  await page.goto(linkIn(notice, "/annuler-changement-identifiant"));
  await page.getByRole("button", { name: "Annuler cette demande" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("La demande est annulée");
  await page.getByRole("link", { name: "Choisir un nouveau mot de passe" }).click();

  // A new password, with her NIR and birth date, through the link sent to her.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié");
  await fillIdentity(page, DEMO.marie.nir, MARIE_BORN);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demande envoyée");
  const reset = await mailbox.waitFor(DEMO.marie.email, /Choisissez un nouveau mot de passe/);
  await page.goto(linkIn(reset, "/reinitialisation"));
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Votre mot de passe a été modifié",
  );

  // The attacker's validation link and the stolen password open nothing any more.
  await attacker.goto(validation);
  await attacker.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(attacker.getByRole("heading", { level: 1 })).toHaveText(
    "Ce lien n'est plus valable",
  );
  await signIn(attacker, DEMO.marie.nir, DEMO.espacePassword);
  await expect(attacker.getByRole("alert")).toContainText(
    "Numéro de sécurité sociale ou mot de passe incorrect",
  );
  await attackerContext.close();

  // Marie signs in with her new password and starts her own migration at step 1.
  await signIn(page, DEMO.marie.nir, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.marie.email);
});
