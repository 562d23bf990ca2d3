import type { MailboxMessage } from "@mgen/contracts";
import type { Page } from "@playwright/test";
import { DEMO, expect, fillIdentity, test } from "../support/fixtures";

/**
 * SPEC D around the reset link itself: one neutral answer whatever the data, the advice to
 * call the member service for a member without a contact email, and the reminder that a
 * migrated Espace receives instead of a link.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

const NEUTRAL =
  "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.";
const CALL_ADVICE = "Vous n'avez pas d'adresse email de contact, ou vous ne recevez rien ?";
const LEA_BORN = ["08", "12", "1971"] as const;
const LUC_BORN = ["05", "02", "1978"] as const;
const MARIE_BORN = ["15", "08", "1990"] as const;
/** A NIR with the right key (97 − 1800175123456 mod 97 = 60) that is no demo Espace's. */
const UNKNOWN_NIR = "1 80 01 75 123 456 60";

const pathOf = (link: string) => new URL(link).pathname;

/** The neutral answer of both forms, with the member service as the way out. */
async function expectNeutralAnswer(page: Page): Promise<void> {
  await expect(h1(page)).toHaveText("Demande envoyée");
  await expect(page.getByText(NEUTRAL)).toBeVisible();
  const advice = page.getByText(CALL_ADVICE);
  await expect(advice).toContainText(/Appelez le service adhérents au 36\s76/);
  await expect(advice).toContainText("un conseiller vous aidera");
  await expect(advice.getByRole("link", { name: /36\s76/ })).toHaveAttribute("href", "tel:3676");
}

test("D: Léa, who has no contact email, asks for a new password then an unlock, and is told to call the member service", async ({
  page,
}) => {
  await page.goto("/connexion");
  await page.getByRole("main").getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(h1(page)).toHaveText("Mot de passe oublié");
  await fillIdentity(page, DEMO.lea.nir, LEA_BORN);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expectNeutralAnswer(page);

  // The way back, then the other form of the pair: the same answer, the same advice.
  await page.getByRole("link", { name: "Revenir à la connexion" }).click();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
  await page.getByRole("main").getByRole("link", { name: "Votre compte est bloqué ?" }).click();
  await expect(h1(page)).toHaveText("Débloquer mon compte");
  await fillIdentity(page, DEMO.lea.nir, LEA_BORN);
  await page.getByRole("button", { name: "Débloquer mon compte" }).click();
  await expectNeutralAnswer(page);
  await expect(page.getByRole("link", { name: "Aide : compte bloqué" })).toHaveAttribute(
    "href",
    /\/aide#compte-bloque$/,
  );
});

test("D: Luc, already migrated, asks for a new Espace password and is reminded by email to sign in with his email identifier", async ({
  page,
  mailbox,
}) => {
  await page.goto("/mot-de-passe-oublie");
  await fillIdentity(page, DEMO.luc.nir, LUC_BORN);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  // The screen is the neutral one: it says nothing of the migration.
  await expectNeutralAnswer(page);

  const reminder = await mailbox.waitFor(
    DEMO.luc.email,
    /^Connectez-vous avec votre identifiant MGEN Connect$/,
  );
  expect(reminder.text).toContain("Bonjour Luc");
  // The identifier is recalled, masked: enough to recognise it, not to read it.
  expect(reminder.text).toContain(
    "vous ne vous connectez plus avec votre numéro de sécurité sociale mais avec votre adresse email (l***@example.fr)",
  );
  // No reset link of the Espace (its NIR no longer signs in): the way out is the sign-in
  // page, or a new MGEN Connect password.
  const paths = reminder.links.map(pathOf);
  expect(paths).not.toContain("/reinitialisation");
  expect(paths).toContain("/connect/mot-de-passe-oublie");
  const signInLink = reminder.links.find((link) => pathOf(link) === "/connexion");
  expect(signInLink, "the « Me connecter » link").toBeTruthy();

  await page.goto(signInLink as string);
  await page.getByLabel("Identifiant").fill(DEMO.luc.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO.connectPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(h1(page)).toHaveText("Bonjour Luc");
});

test("D: data that match no Espace get the same « Demande envoyée » answer, and no email is sent", async ({
  page,
  app,
  mailbox,
}) => {
  // A NIR that is nobody's.
  await page.goto("/mot-de-passe-oublie");
  await fillIdentity(page, UNKNOWN_NIR, ["01", "01", "1980"]);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expectNeutralAnswer(page);

  // Paul's NIR with a birth date that is not his.
  await page.goto("/debloquer-mon-compte");
  await fillIdentity(page, DEMO.paul.nir, ["25", "12", "1975"]);
  await page.getByRole("button", { name: "Débloquer mon compte" }).click();
  await expectNeutralAnswer(page);

  // Marie's true data: the very same screen; her link is the only email sent. Requests are
  // answered in order, so once hers arrived the two above have been answered too.
  await page.goto("/mot-de-passe-oublie");
  await fillIdentity(page, DEMO.marie.nir, MARIE_BORN);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expectNeutralAnswer(page);
  await mailbox.waitFor(DEMO.marie.email, /^Choisissez un nouveau mot de passe$/);
  const everything = (await (await fetch(`${app.url}/api/dev/mailbox`)).json()) as MailboxMessage[];
  expect(everything.map((m) => `${m.to}: ${m.subject}`)).toEqual([
    `${DEMO.marie.email}: Choisissez un nouveau mot de passe`,
  ]);

  // The way out of the neutral screen.
  await page.getByRole("link", { name: "Revenir à la connexion" }).click();
  await expect(h1(page)).toHaveText("Connexion à votre Espace personnel");
});
