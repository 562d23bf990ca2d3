import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

export type InitialJs = { files: { file: string; raw: number; gzip: number }[]; gzipKb: number };

/**
 * The JavaScript dist/index.html loads before anything else: its module script and
 * modulepreloads. `base` is the path the build is served under (Vite's `base`).
 */
export function initialJavaScript(dist: string, base = "/"): InitialJs {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g))
    urls.add(m[1] ?? "");
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
    return { file: url, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipKb: files.reduce((s, f) => s + f.gzip, 0) / 1024 };
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Installed before any script of the page: records, in ms since navigation start, the first
 * moment the Identifiant field is visible and the submit button enabled.
 */
const PROBE = `(() => {
  const check = () => {
    if (window.__ready !== undefined) return;
    const field = document.getElementById("identifier");
    const button = document.querySelector('form button[type="submit"]');
    if (field && button && field.getClientRects().length > 0 && !button.disabled) {
      window.__ready = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  requestAnimationFrame(check);
})();`;

export type LoadTimes = { medianMs: number; samples: number[] };

/** Median over `n` cold loads (a new browser context each time) of `url`. */
export async function timeToInteractive(urls: string[], n: number): Promise<LoadTimes[]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const samples: number[][] = urls.map(() => []);
    // Interleaved, so that a noisy moment of the machine hits both pages alike.
    for (let i = 0; i < n + 1; i++) {
      for (const [k, url] of urls.entries()) {
        const context = await browser.newContext();
        await context.addInitScript(PROBE);
        const page = await context.newPage();
        await page.goto(url, { waitUntil: "commit" });
        const handle = await page.waitForFunction(
          () => (window as unknown as { __ready?: number }).__ready,
          undefined,
          { timeout: 15_000 },
        );
        const ms = (await handle.jsonValue()) as number;
        await context.close();
        if (i > 0) samples[k]?.push(ms); // the first round warms Chromium itself up
      }
    }
    return samples.map((s) => ({ medianMs: median(s), samples: s }));
  } finally {
    await browser.close();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
