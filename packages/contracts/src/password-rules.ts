/** The numbers and words of the password rules, light enough for the SPA's first screen. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

export const PASSWORD_POLICY_TEXT = [
  `Entre ${PASSWORD_MIN_LENGTH} et ${PASSWORD_MAX_LENGTH} caractères, tous les caractères sont permis.`,
  "Difficile à deviner : une courte phrase de plusieurs mots inhabituels est idéale.",
  "Sans votre nom, votre prénom, votre date de naissance ni votre adresse email.",
];

export const STRENGTH_LABELS = ["Très faible", "Faible", "Moyen", "Fort", "Très fort"] as const;

/** Any password a request carries, current or new, is at most this long. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;

export const PASSWORD_MESSAGES = {
  empty: "Saisissez votre mot de passe.",
  tooLong: "Ce mot de passe est trop long.",
} as const;

/**
 * What the sign-in form says about the password, null when it may be sent: the first
 * message of `currentPasswordSchema` (api.ts), without zod (ADR 012).
 */
export function currentPasswordMessage(password: string): string | null {
  if (password.length === 0) return PASSWORD_MESSAGES.empty;
  return password.length > PASSWORD_INPUT_MAX_LENGTH ? PASSWORD_MESSAGES.tooLong : null;
}

/**
 * Words of the organisation and its products (ASVS 6.1.2, 6.2.11): the strength estimate
 * treats them as the most guessable of words, like the member's own names.
 */
export const CONTEXT_WORDS = [
  "mgen",
  "mgenconnect",
  "connect",
  "mutuelle",
  "espace",
  "espacepersonnel",
  "adherent",
  "identifiant",
  "securite",
  "sociale",
  "motdepasse",
  "avantage",
  "education",
  "nationale",
] as const;
