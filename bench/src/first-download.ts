/**
 * What a built `index.html` makes the browser download before anything else: figure 4 of
 * `pnpm bench`, and the limit `e2e/tests/first-download.spec.ts` holds in `pnpm test`.
 * No dependency but Node's, so that both can import it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export type InitialJs = {
  /** `file` is the address the page loads, `path` where it is in the build. */
  files: { file: string; path: string; raw: number; gzip: number }[];
  gzipKb: number;
};

/**
 * The JavaScript a built document loads before anything else: its scripts (the module and,
 * in `connexion.html`, the classic one that holds an early submission and starts that
 * module: ADR 026), modulepreloads and what they import. `base` is the path the build is served under (Vite's `base`); `page`
 * the document, `index.html` (every page but the prerendered one) by default.
 */
export function initialJavaScript(dist: string, base = "/", page = "index.html"): InitialJs {
  const html = readFileSync(join(dist, page), "utf8");
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*src="([^"]+)"/g)) urls.add(m[1] ?? "");
  // connexion.html's module, started by its boot script after the first paint (ADR 026).
  for (const m of html.matchAll(/<script[^>]*data-app="([^"]+)"/g)) urls.add(m[1] ?? "");
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    urls.add(m[1] ?? "");
  // Static imports of those chunks (Vite lists them as modulepreloads; checked again here).
  const file = (url: string) => join(dist, url.startsWith(base) ? url.slice(base.length) : url);
  const queue = [...urls];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    const code = readFileSync(file(url), "utf8");
    for (const m of code.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?"\.\/([^"]+\.js)"/g,
    )) {
      const dep = `${base}assets/${m[1]}`;
      if (!urls.has(dep)) {
        urls.add(dep);
        queue.push(dep);
      }
    }
  }
  const files = [...urls].map((url) => {
    const bytes = readFileSync(file(url));
    return {
      file: url,
      path: file(url),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    };
  });
  return { files, gzipKb: files.reduce((s, f) => s + f.gzip, 0) / 1024 };
}
