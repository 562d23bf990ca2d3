import { chromium } from "playwright-core";

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
