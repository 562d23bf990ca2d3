import type { ReactNode } from "react";

/** A link to another site, opened in a new tab (and said so). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> (s'ouvre dans un nouvel onglet)</span>
    </a>
  );
}
