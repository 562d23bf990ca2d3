export const EMAIL_MAX_LENGTH = 254;

/** The HTML `type=email` rule (WHATWG "valid e-mail address"). */
const HTML_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Addresses are one identifier whatever their case: trimmed and lower-cased. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isValidEmail(input: string): boolean {
  const email = normalizeEmail(input);
  return email.length <= EMAIL_MAX_LENGTH && HTML_EMAIL.test(email);
}

export const EMAIL_MESSAGES = {
  empty: "Saisissez une adresse email.",
  invalid: "Saisissez une adresse email valide, par exemple prenom.nom@exemple.fr.",
  tooLong: `L'adresse email compte au plus ${EMAIL_MAX_LENGTH} caractères.`,
} as const;

/**
 * What a form says about a typed address, null when it is valid: the first message of
 * `emailSchema` (api.ts), without zod, for the SPA's first screen (ADR 012).
 */
export function emailMessage(input: string): string | null {
  const email = normalizeEmail(input);
  if (email.length === 0) return EMAIL_MESSAGES.empty;
  if (email.length > EMAIL_MAX_LENGTH) return EMAIL_MESSAGES.tooLong;
  return HTML_EMAIL.test(email) ? null : EMAIL_MESSAGES.invalid;
}
