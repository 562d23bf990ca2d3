import { PAGES } from "@mgen/contracts/rules";

/** The anchored sections of /aide: every error message links to one of them. */
export const HELP_SECTIONS = {
  noEmail: "pas-d-adresse-email",
  accountLocked: "compte-bloque",
  passwordForgotten: "mot-de-passe-oublie",
  alreadyMigrated: "deja-migre",
  noPassword: "pas-de-mot-de-passe",
  identityNotValidated: "identite-non-validee",
  connectPasswordForgotten: "mot-de-passe-connect-oublie",
  identityLocked: "identite-connect-bloquee",
} as const;

export type HelpSection = (typeof HELP_SECTIONS)[keyof typeof HELP_SECTIONS];

export function helpHref(section?: HelpSection): string {
  return section ? `${PAGES.help}#${section}` : PAGES.help;
}

/** The organisation's own questions and answers about signing in. */
export const CONNECTION_FAQ_URL = "https://www.mgen.fr/aide/";

/**
 * The member service, for whoever cannot get through online (no contact email…). The
 * spaces do not break: "36 76" and "18 h" never end up split across two lines.
 */
export const MEMBER_SERVICE = {
  phone: "36\u00a076",
  tel: "tel:3676",
  hours: "du lundi au vendredi, de 8\u00a0h\u00a030 à 18\u00a0h",
} as const;
