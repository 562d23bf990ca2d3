import type { MailboxMessage } from "@mgen/contracts";
import type { Page } from "@playwright/test";
import { A11yAudit } from "../support/a11y";
import { DEMO, expect, linkIn, type Mailbox, POLL, signIn, test } from "../support/fixtures";

/**
 * SPEC journey B, the troubles of step 1 and step 3: an address refused or mistyped, a
 * validation email asked again too soon, an address changed while its link waits, and an
 * address another Espace validated first.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const PASSWORD = "Girafe bleue sous la pluie d'automne";

/** Step 2 "create" with a new password and a secret answer, up to step 3 (pending). */
async function chooseSecurity(page: Page): Promise<void> {
  await expect(page).toHaveTitle(/^Étape 2 sur 3/);
  await page.getByLabel("Nouveau mot de passe").fill(PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Le Petit Prince");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveTitle(/^Étape 3 sur 3/);
}

/** Signs in by NIR and chooses `address` (not the contact email) up to the pending step. */
async function waitForValidation(page: Page, nir: string, address: string): Promise<void> {
  await signIn(page, nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await page.getByLabel("Adresse email").fill(address);
  await page.getByRole("button", { name: "Continuer" }).click();
  await chooseSecurity(page);
  await expect(page.getByText(address).first()).toBeVisible();
}

/** The validation link sent to `to` for the member greeted as `firstName`. */
async function validationLinkFor(mailbox: Mailbox, to: string, firstName: string) {
  let found: MailboxMessage | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailbox.list(to)).find(
          (m) => /^Validez/.test(m.subject) && m.text.includes(`Bonjour ${firstName},`),
        );
        return found !== undefined;
      },
      { intervals: POLL },
    )
    .toBe(true);
  return linkIn(found as MailboxMessage, "/validation-email");
}

test("B step 1, Sophie: an empty address, why her usual one is not offered, Marc's address refused, a typo corrected", async ({
  page,
}) => {
  const audit = new A11yAudit(page);
  await signIn(page, DEMO.sophie.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(h1(page)).toHaveText("Bonjour Sophie");
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  // Why an email identifier at all.
  await expect(
    page.getByText(
      "vous ne vous connecterez plus avec votre numéro de sécurité sociale mais avec une adresse email",
    ),
  ).toBeVisible();
  // Why her contact email is not proposed: it already signs in another Espace.
  await expect(
    page.getByText("Votre adresse email habituelle est déjà l'identifiant d'un autre Espace"),
  ).toBeVisible();
  await expect(page.getByText("Une adresse ne peut servir qu'à un seul Espace")).toBeVisible();
  const email = page.getByLabel("Adresse email");
  await expect(email).toHaveValue("");

  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(email).toHaveAccessibleDescription(/Saisissez une adresse email\./);
  await expect(page.locator(".error-summary")).toContainText("Saisissez une adresse email.");
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);

  // Marc's identifier, typed in capitals: one address, one Espace.
  await email.fill("Famille.Bernard@Example.fr");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(email).toHaveAccessibleDescription(
    /Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel\./,
  );
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);

  // A typo of a common provider is pointed out once she leaves the field.
  await email.fill("sophie.bernard@gmial.com");
  await email.blur();
  const suggestion = page.getByRole("status").filter({ hasText: "Vouliez-vous dire" });
  await expect(suggestion).toHaveText("Vouliez-vous dire sophie.bernard@gmail.com ?");
  await audit.check("wizard step 1, typo suggestion");
  await page.getByRole("button", { name: "Utiliser cette adresse" }).click();
  await expect(email).toHaveValue("sophie.bernard@gmail.com");
  await expect(email).toBeFocused();
  await expect(page.getByRole("button", { name: "Utiliser cette adresse" })).toHaveCount(0);

  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle(/^Étape 2 sur 3/);
  await expect(page.getByText("Votre nouvel identifiant de connexion")).toContainText(
    "sophie.bernard@gmail.com",
  );
  audit.assertClean(1);
});

test("B step 3, Antoine: « Renvoyer l'email » too soon says when, « Modifier l'adresse » returns to step 1, and the new address voids the old link", async ({
  page,
  mailbox,
}) => {
  const audit = new A11yAudit(page);
  const first = "antoine.perso@example.org";
  const second = "a.leca@example.org";
  await waitForValidation(page, DEMO.antoine.nir, first);
  const firstLink = linkIn(await mailbox.waitFor(first, /^Validez/), "/validation-email");

  // The server's cooldown (one email a minute) is said with the time left.
  await page.getByRole("button", { name: "Renvoyer l'email" }).click();
  await expect(page.getByRole("alert")).toContainText(
    /Un email vient déjà de vous être envoyé\. Vous pourrez en demander un autre dans \d+ secondes\./,
  );

  // « Modifier l'adresse »: step 1 with the waiting address; « Annuler » changes nothing.
  await page.getByRole("button", { name: "Modifier l'adresse" }).click();
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  await expect(page.getByRole("heading", { name: /^Étape 1 sur 3/ })).toBeFocused();
  const email = page.getByLabel("Adresse email");
  await expect(email).toHaveValue(first);
  await audit.check("wizard step 1, changing the address of a pending validation");
  await page.getByRole("button", { name: "Annuler", exact: true }).click();
  await expect(page).toHaveTitle(/^Étape 3 sur 3/);
  await expect(page.getByText(first).first()).toBeVisible();

  // Another address this time.
  await page.getByRole("button", { name: "Modifier l'adresse" }).click();
  await email.fill(second);
  await page.getByRole("button", { name: "Continuer" }).click();
  await chooseSecurity(page);
  await expect(page.getByText(second).first()).toBeVisible();
  const secondLink = linkIn(await mailbox.waitFor(second, /^Validez/), "/validation-email");

  // The first address's link died when the address changed.
  await page.goto(firstLink);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(h1(page)).toHaveText("Ce lien n'est plus valable");
  await expect(page.getByRole("alert")).toContainText("remplacé par un lien plus récent");
  await expect(page.getByRole("link", { name: "Aller à la connexion" })).toBeVisible();

  await page.goto("about:blank"); // a new document, not a change of fragment
  await page.goto(secondLink);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toContainText("Bonjour Antoine");
  await expect(page.getByText(second).first()).toBeVisible();
  audit.assertClean(1);
});

test.describe("with the wait between two validation emails cut to 2 seconds", () => {
  // SPEC B step 3 allows one resend a minute; the app under test waits 2 s (a test-only
  // setting, refused outside NODE_ENV=test) so the journey can resend after the wait.
  test.use({ appEnv: { VALIDATION_RESEND_TEST_MS: "2000" } });

  test("B step 3, Antoine: after the wait, « Renvoyer l'email » sends a new link and only the newest link validates", async ({
    page,
    mailbox,
  }) => {
    const address = "antoine.perso@example.org";
    await waitForValidation(page, DEMO.antoine.nir, address);
    const firstLink = linkIn(await mailbox.waitFor(address, /^Validez/), "/validation-email");

    const resend = page.getByRole("button", { name: "Renvoyer l'email" });
    const sent = page
      .getByRole("status")
      .filter({ hasText: "Un nouvel email vient de vous être envoyé" });
    await resend.click();
    await expect(page.getByRole("alert")).toContainText("Vous pourrez en demander un autre dans");
    // Once the wait is over the same button sends a new email.
    await expect(async () => {
      await resend.click();
      await expect(sent).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expect(sent).toContainText("Seul le lien de ce dernier email fonctionne.");
    await expect(page.getByRole("alert")).toHaveCount(0);

    let mails: MailboxMessage[] = [];
    await expect
      .poll(
        async () => {
          mails = (await mailbox.list(address)).filter((m) => /^Validez/.test(m.subject));
          return mails.length;
        },
        { intervals: POLL },
      )
      .toBe(2);
    const newestLink = linkIn(mails[0] as MailboxMessage, "/validation-email");
    expect(newestLink).not.toBe(firstLink);

    // The first email's link was voided by the second.
    await page.goto(firstLink);
    await page.getByRole("button", { name: "Valider mon adresse" }).click();
    await expect(h1(page)).toHaveText("Ce lien n'est plus valable");
    await expect(page.getByRole("alert")).toContainText("remplacé par un lien plus récent");

    await page.goto("about:blank"); // a new document, not a change of fragment
    await page.goto(newestLink);
    await page.getByRole("button", { name: "Valider mon adresse" }).click();
    await expect(page).toHaveURL(/\/espace$/);
    await expect(page.getByText(address).first()).toBeVisible();
  });
});

test("B step 3, another Espace validated the address first: Antoine's link says so and takes him back to step 1", async ({
  page,
  browser,
  baseURL,
  mailbox,
}) => {
  const shared = "boite.commune@example.org";
  // Marie, in her own browser, waits for a link to the same address.
  const marieContext = await browser.newContext({ baseURL: baseURL ?? "" });
  const marie = await marieContext.newPage();
  await waitForValidation(marie, DEMO.marie.nir, shared);
  const marieLink = await validationLinkFor(mailbox, shared, "Marie");
  await waitForValidation(page, DEMO.antoine.nir, shared);
  const antoineLink = await validationLinkFor(mailbox, shared, "Antoine");

  // Marie opens hers first, on her phone: the address becomes her identifier.
  const phoneContext = await browser.newContext({ baseURL: baseURL ?? "" });
  const phone = await phoneContext.newPage();
  await phone.goto(marieLink);
  await phone.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(h1(phone)).toHaveText("Votre adresse email est validée");
  await expect(phone.getByText("Votre identifiant MGEN Connect est désormais")).toContainText(
    shared,
  );
  await phoneContext.close();
  await marieContext.close();

  // Antoine's link comes second: it explains, and leads back to step 1.
  const audit = new A11yAudit(page);
  await page.goto(antoineLink);
  await page.getByRole("button", { name: "Valider mon adresse" }).click();
  await expect(h1(page)).toHaveText("Cette adresse est déjà utilisée");
  await expect(page.getByRole("alert")).toHaveText(
    "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
  );
  await expect(page.getByText("choisissez une autre adresse")).toBeVisible();
  await audit.check("/validation-email, address taken meanwhile");
  await page.getByRole("button", { name: "Choisir une autre adresse" }).click();
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page).toHaveTitle(/^Étape 1 sur 3/);
  const email = page.getByLabel("Adresse email");
  await expect(email).toHaveValue(DEMO.antoine.email);
  // The address is Marie's now.
  await email.fill(shared);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(email).toHaveAccessibleDescription(/déjà utilisée comme identifiant/);

  audit.assertClean(1);
});
