import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a narrow screen or at 200 % zoom rather than squeezing
 * its columns; the region can take the focus so that the keyboard scrolls it too.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-region" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
