/**
 * The baseline: a bare node:http server answering the same JSON as GET /api/session for a
 * member, a static page with the same sign-in form (and the SPA's stylesheet) and, under
 * /floor/, the React-only page built from bench/floor.
 * Run as its own process: `tsx bare-server.ts <port> <json> <css path or -> [floor dist]`;
 * with `BARE_DOCUMENT_HEADERS` (JSON), every answer but the JSON one carries those headers
 * too (figure 4: the static page with the site's document headers).
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";

const [portArg, json = "{}", cssPath = "-", floorDist] = process.argv.slice(2);
const css = cssPath === "-" ? "" : readFileSync(cssPath, "utf8");
const floorHtml = floorDist ? readFileSync(join(floorDist, "index.html")) : null;

/** A built asset of the floor page (hashed name, under /floor/assets/). */
function floorAsset(url: string): Buffer | null {
  if (!floorDist) return null;
  const file = normalize(join(floorDist, url.slice("/floor/".length)));
  return file.startsWith(floorDist) && existsSync(file) ? readFileSync(file) : null;
}

const page = `<!doctype html>
<html lang="fr"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Identifiant MGEN Connect</title><link rel="stylesheet" href="/style.css" /></head>
<body><main class="page"><h1>Connexion à votre Espace personnel</h1>
<form class="form" novalidate>
<div class="field"><label for="identifier">Identifiant</label>
<p class="hint" id="identifier-hint">Votre numéro de sécurité sociale (15 caractères) ou votre adresse email MGEN Connect</p>
<input class="input" type="text" id="identifier" name="identifier" autocomplete="username" aria-describedby="identifier-hint" /></div>
<div class="field"><label for="password">Mot de passe</label>
<input class="input" type="password" id="password" name="password" autocomplete="current-password" /></div>
<button type="submit" class="button">Se connecter</button>
</form></main></body></html>`;

const documentHeaders = JSON.parse(process.env.BARE_DOCUMENT_HEADERS ?? "{}") as Record<
  string,
  string
>;

const server = createServer((req, res) => {
  if (req.url !== "/api/session")
    for (const [name, value] of Object.entries(documentHeaders)) res.setHeader(name, value);
  const asset = req.url?.startsWith("/floor/assets/") ? floorAsset(req.url) : null;
  if (req.url === "/connexion") {
    res.writeHead(200, { "Content-Type": "text/html; charset=UTF-8", "Cache-Control": "no-cache" });
    res.end(page);
  } else if (req.url === "/floor/connexion" && floorHtml) {
    res.writeHead(200, { "Content-Type": "text/html; charset=UTF-8", "Cache-Control": "no-cache" });
    res.end(floorHtml);
  } else if (asset) {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=UTF-8" });
    res.end(asset);
  } else if (req.url === "/style.css") {
    res.writeHead(200, { "Content-Type": "text/css; charset=UTF-8" });
    res.end(css);
  } else {
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(json);
  }
});
server.listen(Number(portArg), "127.0.0.1", () => console.log("bare listening"));
for (const s of ["SIGTERM", "SIGINT"] as const)
  process.on(s, () => server.close(() => process.exit(0)));
