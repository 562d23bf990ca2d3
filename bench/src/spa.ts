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
 * Installed before any script of the page: records, in ms since navigation start,
 * - `__fcp`: the first contentful paint (Chromium's own entry);
 * - `__ready`: the first moment the Identifiant field is visible and the submit button
 *   enabled: the form can be filled in and sent (on the prerendered /connexion, a
 *   submission made then is held and sent once the app starts: ADR 026);
 * - `__react`: the first moment React owns the submit button (its fiber is on the
 *   element): the app has started. Never for the static page.
 */
const PROBE = `(() => {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === "first-contentful-paint") window.__fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  const check = () => {
    const field = document.getElementById("identifier");
    const button = document.querySelector('form button[type="submit"]');
    if (window.__ready === undefined && field && button && field.getClientRects().length > 0 && !button.disabled)
      window.__ready = performance.now();
    if (window.__react === undefined && button && Object.keys(button).some((k) => k.startsWith("__reactFiber")))
      window.__react = performance.now();
    if (window.__ready === undefined || window.__react === undefined) requestAnimationFrame(check);
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  requestAnimationFrame(check);
})();`;

export type Timing = { medianMs: number; samples: number[] };
export type LoadTimes = { fcp: Timing; ready: Timing; react: Timing | null };

/**
 * Medians over `n` cold loads (a new browser context each time) of each page: first
 * contentful paint, form usable and, for a page made with React, React in charge.
 */
export async function loadTimes(
  pages: { url: string; react: boolean }[],
  n: number,
): Promise<LoadTimes[]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  type Sample = { fcp: number; ready: number; react: number | null };
  try {
    const samples: Sample[][] = pages.map(() => []);
    // Interleaved, so that a noisy moment of the machine hits every page alike.
    for (let i = 0; i < n + 1; i++) {
      for (const [k, { url, react }] of pages.entries()) {
        const context = await browser.newContext();
        await context.addInitScript(PROBE);
        const page = await context.newPage();
        await page.goto(url, { waitUntil: "commit" });
        await page.waitForFunction(
          (react) => {
            const w = window as unknown as { __fcp?: number; __ready?: number; __react?: number };
            return (
              w.__fcp !== undefined &&
              w.__ready !== undefined &&
              (!react || w.__react !== undefined)
            );
          },
          react,
          { timeout: 15_000 },
        );
        const s = (await page.evaluate(() => {
          const w = window as unknown as { __fcp: number; __ready: number; __react?: number };
          return { fcp: w.__fcp, ready: w.__ready, react: w.__react ?? null };
        })) as Sample;
        await context.close();
        if (i > 0) samples[k]?.push(s); // the first round warms Chromium itself up
      }
    }
    const timing = (values: number[]): Timing => ({ medianMs: median(values), samples: values });
    return samples.map((list) => {
      const react = list.map((s) => s.react).filter((v): v is number => v !== null);
      return {
        fcp: timing(list.map((s) => s.fcp)),
        ready: timing(list.map((s) => s.ready)),
        react: react.length === list.length ? timing(react) : null,
      };
    });
  } finally {
    await browser.close();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
