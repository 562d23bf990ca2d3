import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../support/fixtures";

/**
 * SPEC G: every error message links to its section of /aide. Following the link lands on
 * the section: its heading has the focus (a screen reader reads it) and is on screen, and
 * the section offers the way out. The locked Espace's section (#compte-bloque) is walked
 * by troubleshooting.spec.ts and navigation.spec.ts.
 */

type Section = { id: string; title: string; wayOut: { name: string; href: string } };

const SECTIONS = {
  passwordForgotten: {
    id: "mot-de-passe-oublie",
    title: "J'ai oublié le mot de passe de mon Espace personnel",
    wayOut: {
      name: "Recevoir un lien pour changer mon mot de passe",
      href: "/mot-de-passe-oublie",
    },
  },
  connectPasswordForgotten: {
    id: "mot-de-passe-connect-oublie",
    title: "J'ai oublié le mot de passe de mon identifiant MGEN Connect",
    wayOut: {
      name: "Réinitialiser mon mot de passe MGEN Connect",
      href: "/connect/mot-de-passe-oublie",
    },
  },
  alreadyMigrated: {
    id: "deja-migre",
    title: "On me demande de me connecter avec mon adresse email",
    wayOut: { name: "Me connecter avec mon adresse email", href: "/connexion" },
  },
  noPassword: {
    id: "pas-de-mot-de-passe",
    title: "Je n'ai pas créé de mot de passe",
    wayOut: { name: "Créer mon mot de passe", href: "/mot-de-passe-oublie" },
  },
  identityNotValidated: {
    id: "identite-non-validee",
    title: "Mon identifiant MGEN Connect n'est pas validé",
    wayOut: { name: "Recevoir un nouveau lien", href: "/connect/mot-de-passe-oublie" },
  },
  identityLocked: {
    id: "identite-connect-bloquee",
    title: "Mon identifiant MGEN Connect est bloqué",
    wayOut: {
      name: "Débloquer mon identifiant MGEN Connect",
      href: "/connect/mot-de-passe-oublie",
    },
  },
  noEmail: {
    id: "pas-d-adresse-email",
    title: "Je n'ai pas d'adresse email",
    wayOut: { name: "Créer une adresse email, pas à pas", href: "/aide/creer-une-adresse-email" },
  },
} satisfies Record<string, Section>;

/** Follows `link` to its help section: focused, in view, with its way out. */
async function followToSection(page: Page, link: Locator, section: Section): Promise<void> {
  await expect(link).toHaveAttribute("href", `/aide#${section.id}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/aide#${section.id}$`));
  const heading = page.getByRole("heading", { level: 2, name: section.title, exact: true });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  const region = page.getByRole("region", { name: section.title, exact: true });
  await expect(region.getByRole("link", { name: section.wayOut.name })).toHaveAttribute(
    "href",
    section.wayOut.href,
  );
}

test("G: each refused sign-in leads from its message to its help section", async ({ page }) => {
  const cases = [
    {
      who: "Marie, wrong password by NIR",
      identifier: DEMO.marie.nir,
      password: "pas-le-bon",
      says: "Numéro de sécurité sociale ou mot de passe incorrect.",
      link: "Aide : mot de passe oublié",
      section: SECTIONS.passwordForgotten,
    },
    {
      who: "Luc, wrong password by email",
      identifier: DEMO.luc.email,
      password: "pas-le-bon",
      says: "Adresse email ou mot de passe incorrect.",
      link: "Aide : mot de passe MGEN Connect oublié",
      section: SECTIONS.connectPasswordForgotten,
    },
    {
      who: "Luc, already migrated, by NIR",
      identifier: DEMO.luc.nir,
      password: DEMO.espacePassword,
      says: "La connexion à votre Espace personnel se fait désormais avec l'adresse email",
      link: "Aide : se connecter avec son adresse email",
      section: SECTIONS.alreadyMigrated,
    },
    {
      who: "Claire, no password ever created",
      identifier: DEMO.claire.nir,
      password: DEMO.espacePassword,
      says: "Vous n'avez pas créé de mot de passe lors de la demande d'activation de votre compte",
      link: "Aide : mot de passe jamais créé",
      section: SECTIONS.noPassword,
    },
    {
      who: "Emma, identity not validated",
      identifier: DEMO.emma.email,
      password: DEMO.connectPassword,
      says: "Votre identifiant MGEN Connect n'a pas été validé.",
      link: "Aide : identifiant MGEN Connect non validé",
      section: SECTIONS.identityNotValidated,
    },
    {
      who: "Hugo, identity locked",
      identifier: DEMO.hugo.email,
      password: DEMO.connectPassword,
      says: "Votre identifiant MGEN Connect est bloqué.",
      link: "Aide : identifiant MGEN Connect bloqué",
      section: SECTIONS.identityLocked,
    },
  ];
  for (const { who, identifier, password, says, link, section } of cases) {
    await test.step(who, async () => {
      await signIn(page, identifier, password);
      const alert = page.getByRole("alert");
      await expect(alert).toContainText(says);
      await followToSection(page, alert.getByRole("link", { name: link }), section);
    });
  }
});

test("G: a refused link of an MGEN Connect identity in the wizard, and a dead emailed link, lead to their help sections", async ({
  page,
}) => {
  const cases = [
    {
      who: "Jean, wrong MGEN Connect password",
      member: DEMO.jean,
      password: "pas-le-bon",
      says: "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
      link: "Aide : mot de passe MGEN Connect oublié",
      section: SECTIONS.connectPasswordForgotten,
    },
    {
      who: "Emma, identity not validated",
      member: DEMO.emma,
      password: DEMO.connectPassword,
      says: "Votre identifiant MGEN Connect n'a pas été validé.",
      link: "Aide : identifiant MGEN Connect non validé",
      section: SECTIONS.identityNotValidated,
    },
    {
      who: "Hugo, identity locked",
      member: DEMO.hugo,
      password: DEMO.connectPassword,
      says: "Votre identifiant MGEN Connect est bloqué.",
      link: "Aide : identifiant MGEN Connect bloqué",
      section: SECTIONS.identityLocked,
    },
  ];
  for (const { who, member, password, says, link, section } of cases) {
    await test.step(who, async () => {
      await signIn(page, member.nir, DEMO.espacePassword);
      await expect(page.getByLabel("Adresse email")).toHaveValue(member.email);
      await page.getByRole("button", { name: "Continuer" }).click();
      await page.getByLabel("Mot de passe MGEN Connect", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Associer mon identifiant" }).click();
      const alert = page.getByRole("alert");
      await expect(alert).toContainText(says);
      await followToSection(page, alert.getByRole("link", { name: link }), section);
    });
  }

  await test.step("a spent or cut-short Espace reset link", async () => {
    await page.goto("/reinitialisation");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
    await followToSection(
      page,
      page.getByRole("link", { name: "Aide : mot de passe oublié" }),
      SECTIONS.passwordForgotten,
    );
  });

  await test.step("a spent MGEN Connect reset link", async () => {
    await page.goto("/connect/reinitialisation#token=not-a-real-token");
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien n'est plus valable");
    await followToSection(
      page,
      page.getByRole("link", { name: "Aide : mot de passe MGEN Connect oublié" }),
      SECTIONS.connectPasswordForgotten,
    );
  });
});

test("G: Léa, who has no email address, reaches the help about it, then the connection FAQ and the member service", async ({
  page,
  context,
}) => {
  // From the wizard's step 1 to the step-by-step page, and back to its section of /aide.
  await signIn(page, DEMO.lea.nir, DEMO.espacePassword);
  await expect(page.getByLabel("Adresse email")).toHaveValue("");
  await page.getByRole("link", { name: "Vous n'avez pas d'adresse email ?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Créer une adresse email");
  await followToSection(
    page,
    page.getByRole("link", { name: "Revenir à l'aide" }),
    SECTIONS.noEmail,
  );
  const noEmail = page.getByRole("region", { name: SECTIONS.noEmail.title });
  for (const provider of ["Gmail", "Outlook", "Yahoo"]) {
    await expect(
      noEmail.getByRole("link", { name: `Créer une adresse ${provider} (nouvel onglet)` }),
    ).toHaveAttribute("target", "_blank");
  }

  // The last section, from the page's table of contents: the FAQ and a phone number.
  await page
    .getByRole("navigation", { name: "Sommaire de l'aide" })
    .getByRole("link", { name: "Vous avez une autre question ?" })
    .click();
  await expect(page).toHaveURL(/\/aide#autres-questions$/);
  const heading = page.getByRole("heading", { level: 2, name: "Vous avez une autre question ?" });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  const other = page.getByRole("region", { name: "Vous avez une autre question ?" });
  await expect(other).toContainText(
    "Consultez les questions fréquentes de la MGEN sur la connexion.",
  );
  const faq = other.getByRole("link", {
    name: "Questions fréquentes sur la connexion (nouvel onglet)",
  });
  await expect(faq).toHaveAttribute("href", "https://www.mgen.fr/aide/");
  await expect(faq).toHaveAttribute("target", "_blank");
  await expect(faq).toHaveAttribute("rel", /noopener/);
  await expect(other).toContainText(/Appelez le service adhérents au 36\s76/);
  await expect(other).toContainText("un conseiller vous aidera");
  await expect(other.getByRole("link", { name: /36\s76/ })).toHaveAttribute("href", "tel:3676");
  await other.getByRole("link", { name: "Revenir à la connexion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Connexion à votre Espace personnel",
  );
  expect(context.pages()).toHaveLength(1);
});
