import { useEffect } from "react";

export const CONSOLE_NAME = "Console MGEN Connect";

/** "Rechercher un adhérent" → "Rechercher un adhérent — Console MGEN Connect". */
export function pageTitle(title?: string): string {
  return title ? `${title} — ${CONSOLE_NAME}` : CONSOLE_NAME;
}

export function usePageTitle(title?: string): void {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
}
