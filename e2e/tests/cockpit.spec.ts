import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "@playwright/test";
import { A11yAudit, horizontalOverflow } from "../support/a11y";
import { DEMO, expect, signIn, test } from "../support/fixtures";
import { STAFF, staffSignIn } from "../support/staff";

/**
 * The migration cockpit (OPERATIONS.md §3) in Chromium: a superviseur keeps
 * /console/pilotage open while Marie, in a browser of her own, signs in by NIR and
 * migrates with her contact address; the figures move, on the button and on the page's
 * own 30-second refresh (the page's clock is moved, nobody sleeps). The page passes axe,
 * fits 360 px and 200 % zoom; its CSV of stuck members is the documented one and is in
 * the journal; a conseiller never reaches it.
 */

const NEW_PASSWORD = "Girafe bleue sous la pluie d'automne";
/** 200 % zoom of a 1280 px window: 640 CSS pixels wide. */
const ZOOMED = { width: 640, height: 400 };
const DESKTOP = { width: 1280, height: 800 };
async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  // A context of its own: another browser, with its own cookies (and what AxeBuilder needs).
  const context = await browser.newContext({ baseURL, viewport: DESKTOP });
  return context.newPage();
}

/** The cockpit's table whose caption is `caption`. */
function table(page: Page, caption: string): Locator {
  return page.getByRole("table", { name: caption, exact: true });
}

/** The count cell of the row `label` of one of the cockpit's count tables. */
function countOf(page: Page, caption: string, label: string): Locator {
  return table(page, caption)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) })
    .getByRole("cell")
    .first();
}

const states = (page: Page, label: string) => countOf(page, "Espaces par état", label);
const paths = (page: Page, label: string) => countOf(page, "Migrations par chemin", label);

/** Today's row of the daily table (oldest first: the last one), and its cell for `metric`. */
async function today(page: Page, metric: string): Promise<Locator> {
  const daily = table(page, "Chiffres de chaque jour, du plus ancien au plus récent");
  const heads = await daily.getByRole("columnheader").allTextContents();
  const column = heads.indexOf(metric);
  expect(column, `a column "${metric}" in ${heads.join(" | ")}`).toBeGreaterThan(0);
  const row = daily.getByRole("row").last();
  const day = new Intl.DateTimeFormat("fr-FR", {
    dateStyle: "short",
    timeZone: "Europe/Paris",
  }).format(new Date());
  await expect(row.getByRole("rowheader")).toHaveText(day);
  return row.getByRole("cell").nth(column - 1);
}

function figuresTime(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: /^Chiffres de \d\d:\d\d:\d\d$/ });
}

/** Marie, by NIR, keeps the contact address the wizard proposes and chooses a password. */
async function marieMigratesWithHerContactAddress(page: Page): Promise<void> {
  await signIn(page, DEMO.marie.nir, DEMO.espacePassword);
  await expect(page).toHaveURL(/\/migration$/);
  await expect(page.getByLabel("Adresse email")).toHaveValue(DEMO.marie.email);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle(/Étape 2 sur 3/);
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmez le mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Réponse à la question secrète").fill("Rex");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour Marie");
}

test("a superviseur watches the funnel move as a member migrates in another browser", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000); // two browsers, a member's migration, downloads and the journal
  const base = baseURL ?? "";

  const superviseur = await newPage(browser, base);
  // The page's timers under the test's hand: its 30-second refresh is reached by moving
  // the clock, not by waiting.
  await superviseur.clock.install();
  await staffSignIn(superviseur, "superviseur");
  await superviseur.getByRole("link", { name: "Pilotage de la migration" }).click();
  await expect(superviseur).toHaveURL(/\/console\/pilotage$/);
  await expect(superviseur.getByRole("heading", { level: 1 })).toHaveText(
    "Pilotage de la migration",
  );

  // The demo data: 11 Espaces, Marc and Luc migrated with their contact address, nobody
  // else has signed in yet, nothing happened today.
  await expect(
    superviseur.getByRole("heading", { level: 2, name: /des Espaces ont migré/ }),
  ).toHaveText(/^18,2\s%\sdes Espaces ont migré$/);
  await expect(states(superviseur, "Total")).toHaveText("11");
  await expect(states(superviseur, "Migré")).toHaveText("2");
  await expect(states(superviseur, "Pas encore commencé")).toHaveText("9");
  await expect(states(superviseur, "Migration commencée")).toHaveText("0");
  await expect(paths(superviseur, "Avec l'adresse de contact")).toHaveText("2");
  await expect(await today(superviseur, "Migrations terminées")).toHaveText("0");
  await expect(await today(superviseur, "Migrations commencées")).toHaveText("0");
  const before = (await figuresTime(superviseur).textContent()) ?? "";

  // Marie, in another browser, migrates with her contact address.
  const marie = await newPage(browser, base);
  await marieMigratesWithHerContactAddress(marie);

  // The superviseur asks for the figures again: they have moved.
  await superviseur.getByRole("button", { name: "Actualiser les chiffres" }).click();
  await expect(states(superviseur, "Migré")).toHaveText("3");
  await expect(figuresTime(superviseur)).not.toHaveText(before);
  await expect(
    superviseur.getByRole("heading", { level: 2, name: /des Espaces ont migré/ }),
  ).toHaveText(/^27,3\s%\sdes Espaces ont migré$/);
  await expect(states(superviseur, "Pas encore commencé")).toHaveText("8");
  await expect(states(superviseur, "Total")).toHaveText("11");
  await expect(paths(superviseur, "Avec l'adresse de contact")).toHaveText("3");
  await expect(await today(superviseur, "Migrations terminées")).toHaveText("1");
  await expect(await today(superviseur, "Migrations commencées")).toHaveText("1");
  await expect(await today(superviseur, "Liens de validation envoyés")).toHaveText("0");
  await expect(
    superviseur.getByText(/^À ce rythme \(14 derniers jours\), 95\s% des Espaces auront migré le /),
  ).toBeVisible();

  // Jean signs in by NIR and stops at step 1: the page shows it on its own refresh.
  const jean = await newPage(browser, base);
  await signIn(jean, DEMO.jean.nir, DEMO.espacePassword);
  await expect(jean).toHaveURL(/\/migration$/);
  const refreshed = (await figuresTime(superviseur).textContent()) ?? "";
  await superviseur.clock.fastForward(30_000);
  await expect(states(superviseur, "Migration commencée")).toHaveText("1");
  await expect(figuresTime(superviseur)).not.toHaveText(refreshed);
  await expect(states(superviseur, "Pas encore commencé")).toHaveText("7");
  await expect(await today(superviseur, "Migrations commencées")).toHaveText("2");
  await expect(await today(superviseur, "Migrations terminées")).toHaveText("1");

  // axe, and no sideways scrolling at 360 px (A11yAudit) nor at 200 % zoom.
  const a11y = new A11yAudit(superviseur);
  await a11y.check("console: cockpit with figures");
  await superviseur.setViewportSize(ZOOMED);
  expect(await horizontalOverflow(superviseur), "sideways scroll at 200 % zoom").toBe(0);
  for (const heading of await superviseur.getByRole("heading").all()) {
    await heading.scrollIntoViewIfNeeded();
    const box = await heading.boundingBox();
    expect(box, `${await heading.textContent()}`).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= ZOOMED.width).toBe(true);
  }
  // Each table fits or scrolls inside its own region, never the page.
  const regions = superviseur.getByRole("region", { name: /^Tableau : / });
  await expect(regions).toHaveCount(4);
  for (const region of await regions.all()) {
    const box = await region.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= ZOOMED.width).toBe(true);
    await expect(region.getByRole("table")).toBeVisible();
  }
  await superviseur.setViewportSize(DESKTOP);

  // The list of the Espaces not started yet, for a reminder campaign.
  const link = superviseur.getByRole("link", {
    name: "Télécharger la liste : Pas encore commencé (7)",
  });
  const download = superviseur.waitForEvent("download");
  await link.click();
  const file = await (await download).path();
  const csv = await readFile(file, "utf8");
  expect(csv.charCodeAt(0), "UTF-8 with a BOM").toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("nom;prenom;email_contact;etat;depuis");
  expect(lines).toHaveLength(1 + 7); // the header and the 7 Espaces of the table
  expect(
    lines.some((l) => l.startsWith("Moreau;Claire;claire.moreau@example.fr;Pas encore commencé;")),
  ).toBe(true);
  expect(csv).not.toContain("Dupont"); // Marie has migrated
  expect(csv).not.toContain("Martin;Jean"); // Jean has started
  for (const nir of [DEMO.claire.nir, DEMO.claire.nir.replaceAll(" ", "")]) {
    expect(csv).not.toContain(nir);
  }

  // The download is in the journal.
  await superviseur.getByRole("link", { name: "Journal des actions" }).click();
  const lines_ = superviseur.getByRole("region", { name: "Lignes du journal" });
  const exportRow = lines_
    .getByRole("row")
    .filter({ hasText: "liste exportée : Pas encore commencé" });
  await expect(exportRow).toHaveCount(1);
  await expect(exportRow).toContainText(STAFF.superviseur.name);

  a11y.assertClean(1);
});

test("a conseiller has no cockpit: no link to it, sent away from its address, refused by its API", async ({
  browser,
  baseURL,
}) => {
  const conseiller = await newPage(browser, baseURL ?? "");
  await staffSignIn(conseiller, "conseiller");
  const nav = conseiller.getByRole("navigation", { name: "Pages de la console" });
  await expect(nav.getByRole("link", { name: "Rechercher un adhérent" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Pilotage de la migration" })).toHaveCount(0);

  await conseiller.goto("/console/pilotage");
  await expect(conseiller).not.toHaveURL(/\/pilotage/);
  await expect(conseiller.getByRole("heading", { level: 1 })).toHaveText("Rechercher un adhérent");
  await expect(conseiller.getByRole("alert")).toHaveText(
    "Cette page est réservée aux superviseurs.",
  );
  await expect(conseiller.getByRole("heading", { name: /des Espaces ont migré/ })).toHaveCount(0);

  // The figures and the lists are refused to a conseiller by the API itself.
  for (const path of ["/api/staff/funnel", "/api/staff/funnel/stuck.csv?state=not_started"]) {
    const res = await conseiller.request.get(path);
    expect(res.status(), path).toBe(403);
    expect((await res.json()).error.code, path).toBe("FORBIDDEN");
  }
});
