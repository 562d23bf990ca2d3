/**
 * The member pages' paths: one module for the router, the links between pages and the
 * links in emails. Pages opened from an email carry their token in the fragment
 * (`#token=…`), which a browser never sends to a server or a proxy (SPEC "Links").
 */
export const PAGES = {
  signIn: "/connexion",
  migration: "/migration",
  memberArea: "/espace",
  validateEmail: "/validation-email",
  cancelMigration: "/annuler-changement-identifiant",
  legacyForgotPassword: "/mot-de-passe-oublie",
  legacyUnlock: "/debloquer-mon-compte",
  legacyReset: "/reinitialisation",
  connectForgotPassword: "/connect/mot-de-passe-oublie",
  connectReset: "/connect/reinitialisation",
  help: "/aide",
  helpCreateEmail: "/aide/creer-une-adresse-email",
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES];

/** Pages that an emailed link opens with a token. */
export type LinkPage =
  | typeof PAGES.validateEmail
  | typeof PAGES.cancelMigration
  | typeof PAGES.legacyReset
  | typeof PAGES.connectReset;

/** The address of an emailed link: the configured public URL, the page, the token in the fragment. */
export function linkUrl(publicUrl: string, page: LinkPage, token: string): string {
  return `${publicUrl}${page}#token=${encodeURIComponent(token)}`;
}

/** The token of a link's fragment (`#token=…`), "" when there is none. */
export function tokenFromFragment(hash: string): string {
  const match = /(?:^#?|&)token=([^&]*)/.exec(hash);
  if (!match) return "";
  try {
    return decodeURIComponent(match[1] ?? "").trim();
  } catch {
    return "";
  }
}
