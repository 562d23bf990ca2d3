import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The RGAA 4.1 target: WCAG 2.1, levels A and AA. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The narrowest phone we support; 200 % zoom of a 1280 px window is 640 px. */
export const NARROW = { width: 360, height: 740 };

type Finding = { state: string; problems: string[] };

/**
 * Checks one screen in one state: axe-core finds nothing, and at 360 px wide nothing
 * scrolls sideways. Findings are collected rather than thrown, so that one run lists
 * every state that fails; `assertClean()` fails the test at the end.
 */
export class A11yAudit {
  private readonly findings: Finding[] = [];
  private checked = 0;

  constructor(private readonly page: Page) {}

  /**
   * `exclude`: CSS selectors left out, for content the app does not author (the dev
   * mailbox's sandboxed view of an email, where axe cannot run).
   */
  async check(state: string, { exclude = [] }: { exclude?: string[] } = {}): Promise<void> {
    const { page } = this;
    const problems: string[] = [];
    const builder = new AxeBuilder({ page })
      // Only the violations in full (passes keep one node per rule): a faster run.
      .options({ resultTypes: ["violations"] })
      .withTags(TAGS);
    for (const selector of exclude) builder.exclude(selector);
    const results = await builder.analyze();
    // A run that passed nothing did not look at the page at all.
    if (results.passes.length === 0) problems.push("axe checked nothing");
    for (const violation of results.violations) {
      const targets = violation.nodes.map((n) => n.target.join(" ")).join(", ");
      problems.push(`${violation.id} (${violation.impact}): ${violation.help} → ${targets}`);
    }
    const size = page.viewportSize();
    await page.setViewportSize(NARROW);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at ${NARROW.width}px`);
    if (size) await page.setViewportSize(size);
    this.checked += 1;
    if (problems.length > 0) this.findings.push({ state, problems });
  }

  assertClean(expectedStates: number): void {
    const report = this.findings
      .map((f) => `• ${f.state}\n${f.problems.map((p) => `    ${p}`).join("\n")}`)
      .join("\n");
    expect(report, "accessibility findings").toBe("");
    expect(this.checked, "states checked").toBe(expectedStates);
  }
}

/** How many CSS pixels the page is wider than the window (0 when it fits). */
export function horizontalOverflow(page: Page): Promise<number> {
  // A string: this package is typed without the DOM library.
  return page.evaluate<number>(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  );
}
