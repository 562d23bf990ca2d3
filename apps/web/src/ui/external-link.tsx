import type { ReactNode } from "react";

/**
 * A link to another site, opened in a new tab, and said so to everyone (not only to
 * screen readers): a member who does not expect the new tab may think the page is lost.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children} (nouvel onglet)
    </a>
  );
}
