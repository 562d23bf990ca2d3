import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expect, test } from "../support/fixtures";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../apps/web/dist");

/**
 * What dist/index.html loads before anything else: its module script, its modulepreloads
 * and their static imports (the figure bench/src/spa.ts reports).
 */
function firstDownload(): Buffer[] {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const urls = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const files = new Map<string, Buffer>();
  while (urls.length > 0) {
    const url = urls.shift() as string;
    if (files.has(url)) continue;
    const code = readFileSync(join(dist, url));
    files.set(url, code);
    const imports = code
      .toString("utf8")
      .matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?"\.\/([^"]+\.js)"/g);
    for (const m of imports) urls.push(`/assets/${m[1]}`);
  }
  return [...files.values()];
}

// ADR 012: the sign-in page is interactive after 110 KB of gzipped JavaScript at most, and
// zod, which it does not need to show the form, is not part of them.
test("the first download stays within 110 KB gzip, without zod", () => {
  const files = firstDownload();
  const gzipKb = files.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0) / 1024;
  expect(gzipKb).toBeLessThanOrEqual(110);
  const withZod = files.filter((code) => /\$ZodType|ZodMini/.test(code.toString("utf8")));
  expect(withZod).toHaveLength(0);
});
