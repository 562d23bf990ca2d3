import { z } from "zod";

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

/** A normalised email address; the output is trimmed and lower-cased. */
export const emailSchema = z
  .string({ error: EMAIL_MESSAGES.empty })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, EMAIL_MESSAGES.empty)
      .max(EMAIL_MAX_LENGTH, EMAIL_MESSAGES.tooLong)
      .regex(HTML_EMAIL, EMAIL_MESSAGES.invalid),
  );
