import { useEffect } from "react";

export const SERVICE_NAME = "Identifiant MGEN Connect";

/** "Connexion" → "Connexion – Identifiant MGEN Connect". */
export function pageTitle(title?: string): string {
  return title ? `${title} – ${SERVICE_NAME}` : SERVICE_NAME;
}

export function usePageTitle(title?: string): void {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
}
