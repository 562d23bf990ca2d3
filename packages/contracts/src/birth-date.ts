export const BIRTH_DATE_MESSAGES = {
  empty: "Saisissez votre date de naissance.",
  invalid: "Saisissez une date de naissance réelle, par exemple 15/08/1990.",
  future: "La date de naissance doit être dans le passé.",
} as const;

/** True when `iso` is a real calendar date written YYYY-MM-DD, from 1900 to today. */
export function isValidBirthDate(iso: string, today = new Date()): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && date.getTime() <= today.getTime();
}

/** "1990-08-15" → "15/08/1990", for display. */
export function formatBirthDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * A birth date written `YYYY-MM-DD` or `JJ/MM/AAAA` (the legacy exports use both), as
 * `YYYY-MM-DD` when it is a real date from 1900 to today; null otherwise.
 */
export function parseBirthDate(text: string, today = new Date()): string | null {
  const trimmed = text.trim();
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(trimmed);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : trimmed;
  return isValidBirthDate(iso, today) ? iso : null;
}
