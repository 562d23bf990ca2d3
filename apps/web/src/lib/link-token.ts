import { useEffect, useRef, useState } from "react";

/** An emailed link that reached the page without its token (cut short by a mail reader). */
export const MISSING_TOKEN =
  "Ce lien est incomplet : ouvrez-le à nouveau depuis l'email reçu, ou copiez-le en entier dans la barre d'adresse.";

/** The token of an emailed link (`?token=…`), "" when missing. */
export function readLinkToken(search: string): string {
  return new URLSearchParams(search).get("token")?.trim() ?? "";
}

/**
 * Reads the emailed link's token once, then takes it out of the address bar and of the
 * history entry, so that it is neither shown, bookmarked, nor found by "Précédent".
 * The token lives on in memory only.
 */
export function useLinkToken(): string {
  const [token] = useState(() => readLinkToken(window.location.search));
  useEffect(() => {
    if (!window.location.search) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${hash}`);
  }, []);
  return token;
}

/**
 * Runs `action` once per page, even when React StrictMode runs effects twice: a link's
 * token is single use, so a second request would only find it spent.
 */
export function useOnce(action: () => void): void {
  const done = useRef(false);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    latest.current();
  }, []);
}
