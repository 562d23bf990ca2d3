/** The anchored sections of /aide: every error message links to one of them. */
export const HELP_SECTIONS = {
  noEmail: "pas-d-adresse-email",
  accountLocked: "compte-bloque",
  alreadyMigrated: "deja-migre",
  noPassword: "pas-de-mot-de-passe",
  identityNotValidated: "identite-non-validee",
  connectPasswordForgotten: "mot-de-passe-connect-oublie",
  identityLocked: "identite-connect-bloquee",
} as const;

export type HelpSection = (typeof HELP_SECTIONS)[keyof typeof HELP_SECTIONS];

export function helpHref(section?: HelpSection): string {
  return section ? `/aide#${section}` : "/aide";
}

/** The organisation's own questions and answers about signing in. */
export const CONNECTION_FAQ_URL = "https://www.mgen.fr/aide/";

export const CREATE_EMAIL_PATH = "/aide/creer-une-adresse-email";
