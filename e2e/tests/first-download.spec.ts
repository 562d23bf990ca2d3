import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { initialJavaScript } from "../../bench/src/first-download";
import { expect, test } from "../support/fixtures";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../apps/web/dist");

// ADR 012: the sign-in page is interactive after 110 KB of gzipped JavaScript at most, and
// zod, which it does not need to show the form, is not part of them; the same for every
// other page (index.html). The measure is figure 4 of `pnpm bench`.
for (const page of ["connexion.html", "index.html"]) {
  test(`the first download of ${page} stays within 110 KB gzip, without zod`, () => {
    const { files, gzipKb } = initialJavaScript(dist, "/", page);
    expect(gzipKb).toBeLessThanOrEqual(110);
    const withZod = files.filter(({ path }) =>
      /\$ZodType|ZodMini/.test(readFileSync(path, "utf8")),
    );
    expect(withZod.map(({ file }) => file)).toEqual([]);
  });
}

// Issue 14: the advisers' console is a bundle of its own; nothing of it, not even a route
// name, is in any file of the members' SPA.
test("the members' SPA holds nothing of the advisers' console", () => {
  const assets = resolve(dist, "assets");
  const files = readdirSync(assets).filter((f) => /\.(js|css|html)$/.test(f));
  expect(files.length).toBeGreaterThan(0);
  const documents = [resolve(dist, "index.html"), resolve(dist, "connexion.html")];
  const leaking = [...files.map((f) => resolve(assets, f)), ...documents].filter((path) =>
    /\/api\/staff|\/console|staff\.login|conseiller@mgen/.test(readFileSync(path, "utf8")),
  );
  expect(leaking).toEqual([]);
});

// Issue 16: a visit that starts on a page of its own chunk (a link from an email, a help
// address) paints that page at once: never "Chargement en cours…" between the header and
// the footer while its chunk loads (main.tsx loads it before the first render).
test("a visit starting on a lazily loaded page paints the page, never the loading message", async ({
  page,
}) => {
  // Run in the page before its own scripts (a string: e2e is typed without the DOM's globals).
  await page.addInitScript(`
    window.loadingSeen = [];
    new MutationObserver(() => {
      if (document.querySelector(".loading")) window.loadingSeen.push(location.pathname);
    }).observe(document, { childList: true, subtree: true });
  `);
  for (const [path, heading] of [
    ["/mot-de-passe-oublie", "Mot de passe oublié"],
    ["/debloquer-mon-compte", "Débloquer mon compte"],
    ["/connect/mot-de-passe-oublie", "Mot de passe MGEN Connect oublié"],
    ["/aide", "Aide à la connexion"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    expect(await page.evaluate("window.loadingSeen")).toEqual([]);
  }
});
