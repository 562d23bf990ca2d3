/**
 * `pnpm build`'s last step (issue 17, ADR 026): renders the sign-in page into
 * `dist/connexion.html`, the document the BFF serves for `/connexion`, with the script that
 * holds a submission made before the app has started (src/boot/sign-in-boot.js, copied
 * into dist/assets under a name that changes with its content). Expects `vite build` and
 * `vite build --ssr src/prerender.tsx --outDir dist-ssr` to have run; removes dist-ssr.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const web = fileURLToPath(new URL("..", import.meta.url));
const ssr = `${web}dist-ssr`;
const { renderSignInPage, PRERENDERED_PAGE } = await import(
  pathToFileURL(`${ssr}/prerender.js`).href
);

// Without its comments and indentation: every byte of it is downloaded before the page is usable.
const boot = readFileSync(`${web}src/boot/sign-in-boot.js`, "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("//"))
  .join("\n");
const bootName = `sign-in-boot-${createHash("sha256").update(boot).digest("hex").slice(0, 8)}.js`;
writeFileSync(`${web}dist/assets/${bootName}`, boot);

const index = readFileSync(`${web}dist/index.html`, "utf8");
/** Each replacement must happen exactly once: a changed index.html fails the build. */
function replaceOnce(text, from, to) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`prerender: expected one "${from}" in index.html`);
  return parts.join(to);
}
// The app's module and its preloads leave the head: fetched and run before the first paint,
// they delayed it. The boot script starts the app once the page is on screen.
const entry = index.match(/\n\s*<script type="module" crossorigin src="([^"]+)"><\/script>/);
if (!entry) throw new Error("prerender: no module script in index.html");
let page = replaceOnce(index, entry[0], "");
page = page.replace(/\n\s*<link rel="modulepreload"[^>]*>/g, "");
page = replaceOnce(
  page,
  '<div id="root"></div>',
  // async: run as soon as it is here (after the form, parsed before it), without waiting
  // for the stylesheet as a parser-blocking script would.
  `<div id="root" data-prerendered="${PRERENDERED_PAGE}">${renderSignInPage()}</div>\n    <script async src="/assets/${bootName}" data-app="${entry[1]}"></script>`,
);
// The title the page sets once it runs (usePageTitle), already there for the first paint.
page = replaceOnce(
  page,
  "<title>Identifiant MGEN Connect</title>",
  "<title>Connexion – Identifiant MGEN Connect</title>",
);
writeFileSync(`${web}dist${PRERENDERED_PAGE}.html`, page);
rmSync(ssr, { recursive: true, force: true });
console.log(
  `prerendered ${PRERENDERED_PAGE} → dist${PRERENDERED_PAGE}.html (+ assets/${bootName})`,
);
