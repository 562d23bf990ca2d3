import type { Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, test } from "../support/fixtures";

/**
 * SPEC journeys A, D and F: "Mot de passe oublié ?" on the sign-in page follows what the
 * member typed as identifier. An address (a member who signs in by email) opens the MGEN
 * Connect reset with the address filled in; a NIR, or nothing, opens the NIR + date of
 * birth form, which in turn points members who sign in by email to the MGEN Connect reset.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const forgotten = (page: Page) =>
  page.getByRole("main").getByRole("link", { name: "Mot de passe oublié ?" });

test("A → F, « Mot de passe oublié ? » follows the identifier: Luc's address opens the MGEN Connect reset filled in; a NIR or nothing opens the NIR form, whose new link leads to the MGEN Connect reset", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);

  // Luc signs in by email: he types his address as he remembers it, then forgets the rest.
  await page.goto("/connexion");
  const identifier = page.getByLabel("Identifiant");
  await identifier.fill(" Luc.Robert@Example.fr ");
  await expect(forgotten(page)).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
  await forgotten(page).click();
  await expect(page).toHaveURL(/\/connect\/mot-de-passe-oublie$/);
  await expect(h1(page)).toHaveText("Mot de passe MGEN Connect oublié");
  // Filled in, as the identifier it is (trimmed, lower-cased); never in the URL.
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.luc.email);
  expect(new URL(page.url()).search).toBe("");
  await audit.check("/connect/mot-de-passe-oublie, filled in from /connexion");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 heure" })).toContainText(
    "Si cette adresse correspond à un identifiant MGEN Connect",
  );
  const mail = await mailbox.waitFor(DEMO.luc.email, /^Réinitialisez/);
  linkIn(mail, "/connect/reinitialisation");

  // Out of habit he types his old NIR instead: the link follows, to the NIR form.
  await page.goto("/connexion");
  await identifier.fill(DEMO.luc.email);
  await expect(forgotten(page)).toHaveAttribute("href", "/connect/mot-de-passe-oublie");
  await identifier.fill(DEMO.luc.nir);
  await expect(forgotten(page)).toHaveAttribute("href", "/mot-de-passe-oublie");
  await forgotten(page).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await expect(h1(page)).toHaveText("Mot de passe oublié");
  await expect(page.getByLabel("Numéro de sécurité sociale")).toBeVisible();

  // The NIR form points whoever already signs in by email to the right reset.
  await expect(
    page.getByText(
      "Vous vous connectez déjà avec votre adresse email (identifiant MGEN Connect) ?",
    ),
  ).toBeVisible();
  await page
    .getByRole("link", { name: "Réinitialisez le mot de passe de votre identifiant MGEN Connect" })
    .click();
  await expect(page).toHaveURL(/\/connect\/mot-de-passe-oublie$/);
  await expect(h1(page)).toHaveText("Mot de passe MGEN Connect oublié");
  await expect(page.getByLabel("Adresse email")).toHaveValue("");

  // Nothing typed: the NIR form, as before.
  await page.goto("/connexion");
  await expect(forgotten(page)).toHaveAttribute("href", "/mot-de-passe-oublie");
  await forgotten(page).click();
  await expect(h1(page)).toHaveText("Mot de passe oublié");
  audit.assertClean(1);
});
