import { tokenFromFragment } from "@mgen/contracts/rules";
import { useEffect, useState } from "react";

/** An emailed link that reached the page without its token (cut short by a mail reader). */
export const MISSING_TOKEN =
  "Ce lien est incomplet : ouvrez-le à nouveau depuis l'email reçu, ou copiez-le en entier dans la barre d'adresse.";

type Address = Pick<Location, "pathname" | "search" | "hash">;
type Entry = Pick<History, "state" | "replaceState">;

/** The token of an emailed link (`#token=…`), "" when missing. */
export function readLinkToken(address: Pick<Location, "hash">): string {
  return tokenFromFragment(address.hash);
}

/**
 * Takes the fragment out of the address bar and of the current history entry, keeping the
 * router's state: the token is neither shown, bookmarked, nor found by "Précédent".
 */
export function clearLinkFragment(address: Address, history: Entry): void {
  if (!address.hash) return;
  history.replaceState(history.state, "", `${address.pathname}${address.search}`);
}

/**
 * Reads the emailed link's token once, then clears it from the address bar. The token
 * lives on in memory only, and the page sends it when the member asks (SPEC "Links": a
 * link opened by a mail scanner does nothing).
 */
export function useLinkToken(): string {
  const [token] = useState(() => readLinkToken(window.location));
  useEffect(() => clearLinkFragment(window.location, window.history), []);
  return token;
}
