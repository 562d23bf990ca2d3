import type { Browser, Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, type Mailbox, POLL, signIn, test } from "../support/fixtures";
import { createStaffAccount, STAFF, staffSignIn, totpCode } from "../support/staff";

/**
 * The advisers' console (OPERATIONS.md §2, issue 14) in Chromium: an adviser on the phone
 * with Paul (locked) and with Antoine (waiting for a validation email that went astray)
 * helps both, each action with a written reason, while a superviseur reads both actions
 * in the audit; every console screen is checked with axe and at 360 px.
 */

const ANTOINE_NEW = "antoine.perso@example.org";
const PASSWORD = "Girafe bleue sous la pluie d'automne";
const REASON = "Appel de l'adhérent, identité vérifiée par ses questions";

async function antoineWaitsForValidation(page: Page, mailbox: Mailbox): Promise<string> {
  await signIn(page, DEMO.antoine.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await page.getByLabel("Adresse email").fill(ANTOINE_NEW);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Le Petit Prince");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveTitle(/Étape 3 sur 3/);
  return linkIn(await mailbox.waitFor(ANTOINE_NEW, /^Validez/), "/validation-email");
}

async function openMember(page: Page, query: string, lastName: string): Promise<void> {
  await page.getByRole("link", { name: "Rechercher" }).first().click();
  await page.getByLabel("Rechercher un adhérent").fill(query);
  await page.keyboard.press("Enter");
  const results = page.getByRole("region", { name: "Résultats de la recherche" });
  await expect(results.getByRole("row")).toHaveCount(2); // the header and one member
  // What an adviser typed (a NIR, an address) never sits in a URL.
  expect(new URL(page.url()).search).toBe("");
  await results.getByRole("link", { name: new RegExp(lastName) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test("an adviser unlocks Paul and resends Antoine's validation link; a superviseur reads both in the audit", async ({
  page,
  browser,
  baseURL,
  mailbox,
}) => {
  test.setTimeout(120_000); // three people, two members' journeys and an audit
  const base = baseURL ?? "";
  const firstLink = await antoineWaitsForValidation(page, mailbox);

  const adviser = await newPage(browser, base);
  const a11y = new A11yAudit(adviser);
  await adviser.goto("/console/connexion");
  await a11y.check("console: sign-in, password step");
  await adviser.getByLabel("Adresse email").fill(STAFF.conseiller.email);
  await adviser.getByLabel("Mot de passe", { exact: true }).fill(STAFF.password);
  await adviser.getByRole("button", { name: "Continuer" }).click();
  await expect(adviser.getByLabel("Code de vérification")).toBeVisible();
  await a11y.check("console: sign-in, code step");
  await adviser.getByLabel("Code de vérification").fill(totpCode());
  await adviser.getByRole("button", { name: "Se connecter" }).click();
  await expect(adviser.getByText(STAFF.conseiller.name)).toBeVisible();
  await a11y.check("console: search, empty");

  // Paul, locked after 5 failures, on the phone.
  await openMember(adviser, "petit", "Petit");
  await expect(adviser.getByText("Bloqué").first()).toBeVisible();
  await expect(adviser.getByText("1 75 12 •• ••• ••• 66")).toBeVisible();
  await expect(adviser.getByText(DEMO.paul.nir)).toHaveCount(0); // never the full NIR
  await a11y.check("console: member page, locked Espace");
  const unlock = adviser.getByRole("form", { name: "Déblocage" });
  await unlock.getByRole("button", { name: "Débloquer" }).click();
  await expect(unlock.getByText(/10 caractères/).first()).toBeVisible(); // no reason, no action
  await unlock.getByLabel("Motif").fill(REASON);
  await unlock.getByRole("button", { name: "Débloquer" }).click();
  await expect(adviser.getByRole("status")).toContainText("débloqué");
  await expect(adviser.getByText("Compte débloqué").first()).toBeVisible(); // the timeline
  await a11y.check("console: member page after an action");
  await mailbox.waitFor(DEMO.paul.email, /débloqué/);

  // Paul signs in again at once with his password.
  const paul = await newPage(browser, base);
  await signIn(paul, DEMO.paul.nir, DEMO.espacePassword);
  await expect(paul).toHaveURL(/\/migration$/);

  // Antoine's validation email went astray: a new one, the old link dead.
  await openMember(adviser, DEMO.antoine.nir, "Leca");
  await expect(adviser.getByText(ANTOINE_NEW).first()).toBeVisible();
  const resend = adviser.getByRole("form", { name: "Lien de validation" });
  await resend.getByLabel("Motif").fill(REASON);
  await resend.getByRole("button", { name: "Renvoyer le lien de validation" }).click();
  await expect(adviser.getByRole("status")).toContainText("Lien de validation renvoyé");
  let secondLink = "";
  await expect
    .poll(
      async () => {
        const links = (await mailbox.list(ANTOINE_NEW))
          .filter((m) => /^Validez/.test(m.subject))
          .map((m) => linkIn(m, "/validation-email"));
        secondLink = links.find((l) => l !== firstLink) ?? "";
        return secondLink !== "";
      },
      { intervals: POLL },
    )
    .toBe(true);
  await page.goto(firstLink);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
  await page.goto("about:blank"); // a new document, not a change of fragment
  await page.goto(secondLink);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page).toHaveURL(/\/espace$/);

  // The superviseur reads both actions in the audit.
  const superviseur = await newPage(browser, base);
  const a11ySup = new A11yAudit(superviseur);
  await staffSignIn(superviseur, "superviseur");
  await superviseur.getByRole("link", { name: "Journal des actions" }).click();
  const lines = superviseur.getByRole("region", { name: "Lignes du journal" });
  const unlockRow = lines.getByRole("row").filter({ hasText: "espace débloqué" });
  await expect(unlockRow).toContainText(STAFF.conseiller.name);
  await expect(unlockRow).toContainText(REASON);
  const resendRow = lines.getByRole("row").filter({ hasText: "lien de validation renvoyé" });
  await expect(resendRow).toContainText(STAFF.conseiller.name);
  await a11ySup.check("console: audit");
  await superviseur.getByLabel("Conseiller (email)").fill(STAFF.conseiller.email);
  await superviseur.getByRole("button", { name: "Filtrer" }).click();
  await expect(lines.getByRole("row").filter({ hasText: STAFF.superviseur.name })).toHaveCount(0);
  const download = superviseur.waitForEvent("download");
  await superviseur.getByRole("link", { name: "Exporter en CSV" }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();

  a11y.assertClean(5);
  a11ySup.assertClean(1);
});

test("a new adviser enrols from the link pnpm staff:create prints, then signs in with both factors", async ({
  page,
  app,
}) => {
  test.setTimeout(90_000); // pnpm staff:create is a process of its own
  const link = await createStaffAccount(app, {
    email: "nadia.martin@mgen.example",
    name: "Nadia Martin",
    role: "conseiller",
  });
  const a11y = new A11yAudit(page);
  await page.goto(link.replace(/^http:\/\/localhost:\d+/, app.url));
  await expect(page).toHaveURL(/\/console\/enrolement$/); // the token left the address bar
  await expect(page.getByRole("img", { name: /QR code de votre clé/ })).toBeVisible();
  const key = (await page.locator(".secret-key").textContent()) ?? "";
  const secret = key.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await a11y.check("console: enrolment");
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirmez le mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Code de vérification").fill(totpCode(secret));
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page.getByRole("link", { name: /connecter/i }).first()).toBeVisible();

  // A code counts once: the next step's code (accepted a step early) signs her in.
  await page.goto("/console/connexion");
  await page.getByLabel("Adresse email").fill("nadia.martin@mgen.example");
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Code de vérification").fill(totpCode(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Nadia Martin")).toBeVisible();
  a11y.assertClean(1);
});
