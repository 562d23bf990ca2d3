import { writeFile } from "node:fs/promises";
import type { MailboxMessage } from "@mgen/contracts";
import { test as base, expect, type Page } from "@playwright/test";
import { type AppServer, startAppServer } from "./server";

/**
 * How often a wait for an email asks the mailbox again: Playwright's default backs off to
 * a second between tries, and an email is usually there a few milliseconds after the click.
 */
export const POLL = [50];

/** Reads the emails the app really sent, from the embedded catcher's mailbox API. */
export class Mailbox {
  constructor(private readonly baseUrl: string) {}

  async list(to: string): Promise<MailboxMessage[]> {
    const res = await fetch(`${this.baseUrl}/api/dev/mailbox?to=${encodeURIComponent(to)}`);
    return (await res.json()) as MailboxMessage[];
  }

  /** Waits for the newest email to `to` whose subject matches. */
  async waitFor(to: string, subject: RegExp): Promise<MailboxMessage> {
    let found: MailboxMessage | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.list(to)).find((m) => subject.test(m.subject));
          return found !== undefined;
        },
        { message: `an email to ${to} matching ${subject}`, timeout: 15_000, intervals: POLL },
      )
      .toBe(true);
    return found as MailboxMessage;
  }

  /** Waits for the newest email to `to` with a link to the page `path`; returns the link. */
  async waitForLink(to: string, path: string): Promise<string> {
    let found: MailboxMessage | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.list(to)).find((m) => m.links.some((l) => linksTo(l, path)));
          return found !== undefined;
        },
        { message: `an email to ${to} with a link to ${path}`, timeout: 15_000, intervals: POLL },
      )
      .toBe(true);
    return linkIn(found as MailboxMessage, path);
  }
}

function linksTo(link: string, path: string): boolean {
  try {
    return new URL(link).pathname === path;
  } catch {
    return false;
  }
}

/**
 * The link of `mail` to the page `path`. Its token travels in the fragment (`#token=…`),
 * which no browser sends to a server, and never in the query (SPEC "Links").
 */
export function linkIn(mail: MailboxMessage, path: string): string {
  const link = mail.links.find((l) => linksTo(l, path));
  expect(link, `a link to ${path} in "${mail.subject}"`).toBeTruthy();
  const url = new URL(link as string);
  expect(url.search, "no query in an emailed link").toBe("");
  expect(url.hash).toMatch(/^#token=[^&#]{20,}$/);
  return link as string;
}

type Fixtures = {
  /** Settings of the app a test starts, over the journeys' defaults (`test.use({ appEnv })`). */
  appEnv: Record<string, string>;
  app: AppServer;
  mailbox: Mailbox;
};

export const test = base.extend<Fixtures>({
  appEnv: [{}, { option: true }],
  // A fresh app and database for every test: journeys change members' state.
  app: async ({ appEnv }, use, testInfo) => {
    const app = await startAppServer({ env: appEnv });
    await use(app);
    if (testInfo.status !== testInfo.expectedStatus) {
      await writeFile(testInfo.outputPath("server.log"), app.logs());
      await testInfo.attach("server.log", { body: app.logs(), contentType: "text/plain" });
    }
    await app.stop();
  },
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  mailbox: async ({ app }, use) => {
    await use(new Mailbox(app.url));
  },
  // `/connexion` paints its prerendered form before the app's code runs (ADR 026). A
  // journey starts once the app has taken the page over, as a member who reads before
  // typing: a navigation that waits for "load" (Playwright's default) also waits for that.
  // What happens before it is `sign-in-first-paint.spec.ts`'s, which waits for less.
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if ((options?.waitUntil ?? "load") === "load") await appInCharge(page);
      return response;
    };
    await use(page);
  },
});

/**
 * Resolves once React owns the page's prerendered form (its fiber is on the submit
 * button); at once on a page the SPA rendered itself.
 */
async function appInCharge(page: Page): Promise<void> {
  // A function, not a string (the page's CSP forbids eval); typed by hand, as e2e is
  // typed without the DOM's globals.
  type Root = { dataset: { prerendered?: string }; querySelector(s: string): object | null };
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as {
      document: { getElementById(id: string): Root | null };
    };
    const root = document.getElementById("root");
    if (!root?.dataset.prerendered) return true;
    const button = root.querySelector('form button[type="submit"]');
    return button !== null && Object.keys(button).some((key) => key.startsWith("__reactFiber"));
  });
}

export { expect };

export const DEMO = {
  espacePassword: "Demo-Espace-2026",
  connectPassword: "Demo-Connect-2026",
  marie: { nir: "2 90 08 69 123 045 11", email: "marie.dupont@example.fr" },
  luc: { nir: "1 78 02 44 109 087 54", email: "luc.robert@example.fr" },
  antoine: { nir: "1 85 02 2A 004 025 09", email: "antoine.leca@example.fr" },
  jean: { nir: "1 84 05 75 056 082 81", email: "jean.martin@example.fr" },
  sophie: { nir: "2 85 03 31 555 001 23", email: "famille.bernard@example.fr" },
  emma: { nir: "2 92 07 67 482 021 69", email: "emma.richard@example.fr" },
  hugo: { nir: "1 88 04 59 350 012 87", email: "hugo.durand@example.fr" },
  paul: {
    nir: "1 75 12 13 055 123 66",
    email: "paul.petit@example.fr",
    born: ["24", "12", "1975"],
  },
  claire: {
    nir: "2 66 09 99 350 012 18",
    email: "claire.moreau@example.fr",
    born: ["30", "09", "1966"],
  },
  lea: { nir: "2 71 12 35 238 012 59" },
} as const;

/** Fills the NIR and the date of birth of the forgotten-password and unlock forms. */
export async function fillIdentity(page: Page, nir: string, [day, month, year]: readonly string[]) {
  await page.getByLabel("Numéro de sécurité sociale").fill(nir);
  await page.getByLabel("Jour").fill(day ?? "");
  await page.getByLabel("Mois").fill(month ?? "");
  await page.getByLabel("Année").fill(year ?? "");
}

/** Signs in on /connexion with a NIR or an email. */
export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(identifier);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}
