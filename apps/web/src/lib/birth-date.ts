import { BIRTH_DATE_MESSAGES, isValidBirthDate } from "@mgen/contracts";
import { z } from "zod/mini";

/** A date of birth as typed, in three fields: "15", "08", "1990". */
export type BirthDatePart = "day" | "month" | "year";
export type BirthDateParts = Record<BirthDatePart, string>;

export const BIRTH_DATE_PARTS: readonly BirthDatePart[] = ["day", "month", "year"];

export const EMPTY_BIRTH_DATE: BirthDateParts = { day: "", month: "", year: "" };

export type BirthDateCheck =
  | { ok: true; iso: string }
  /** One message for the group, and the fields it is about (for `aria-invalid`). */
  | { ok: false; message: string; invalid: BirthDatePart[] };

const NAMES: Record<BirthDatePart, string> = { day: "jour", month: "mois", year: "année" };

export const BIRTH_DATE_PART_MESSAGES = {
  day: "Le jour est entre 01 et 31.",
  month: "Le mois est entre 01 et 12.",
  year: "Saisissez l'année sur 4 chiffres, par exemple 1990.",
  notADate: "Cette date n'existe pas : vérifiez le jour et le mois.",
  tooOld: (thisYear: number) => `L'année est entre 1900 et ${thisYear}.`,
} as const;

/** "Saisissez votre jour de naissance.", "Saisissez votre jour et votre mois de naissance." */
export function missingMessage(missing: readonly BirthDatePart[]): string {
  if (missing.length === BIRTH_DATE_PARTS.length) return BIRTH_DATE_MESSAGES.empty;
  const names = missing.map((part) => `votre ${NAMES[part]}`).join(" et ");
  return `Saisissez ${names} de naissance.`;
}

const pad = (value: string) => value.padStart(2, "0");

/**
 * Turns the three typed parts into `YYYY-MM-DD`, or says in French what to correct.
 * Every wrong part is named at once (a member should not have to submit three times);
 * the final word is the contracts' `isValidBirthDate`, the rule the server applies.
 */
export function checkBirthDate(parts: BirthDateParts, today = new Date()): BirthDateCheck {
  const day = parts.day.replace(/\s/g, "");
  const month = parts.month.replace(/\s/g, "");
  const year = parts.year.replace(/\s/g, "");
  const typed = { day, month, year };

  const missing = BIRTH_DATE_PARTS.filter((part) => typed[part] === "");
  const messages: string[] = missing.length > 0 ? [missingMessage(missing)] : [];
  const invalid: BirthDatePart[] = [...missing];
  const wrong = (part: BirthDatePart, message: string) => {
    invalid.push(part);
    messages.push(message);
  };

  const thisYear = today.getUTCFullYear();
  if (day && !(/^\d{1,2}$/.test(day) && Number(day) >= 1 && Number(day) <= 31)) {
    wrong("day", BIRTH_DATE_PART_MESSAGES.day);
  }
  if (month && !(/^\d{1,2}$/.test(month) && Number(month) >= 1 && Number(month) <= 12)) {
    wrong("month", BIRTH_DATE_PART_MESSAGES.month);
  }
  if (year && !/^\d{4}$/.test(year)) wrong("year", BIRTH_DATE_PART_MESSAGES.year);
  else if (year && Number(year) > thisYear) wrong("year", BIRTH_DATE_MESSAGES.future);
  else if (year && Number(year) < 1900) wrong("year", BIRTH_DATE_PART_MESSAGES.tooOld(thisYear));

  if (messages.length > 0) {
    const order = BIRTH_DATE_PARTS.filter((part) => invalid.includes(part));
    return { ok: false, message: messages.join(" "), invalid: order };
  }

  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day)) {
    return { ok: false, message: BIRTH_DATE_PART_MESSAGES.notADate, invalid: ["day", "month"] };
  }
  if (date.getTime() > today.getTime()) {
    return { ok: false, message: BIRTH_DATE_MESSAGES.future, invalid: [...BIRTH_DATE_PARTS] };
  }
  if (!isValidBirthDate(iso, today)) {
    return { ok: false, message: BIRTH_DATE_MESSAGES.invalid, invalid: [...BIRTH_DATE_PARTS] };
  }
  return { ok: true, iso };
}

const SEPARATED = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/;
const RUN_TOGETHER = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A whole date pasted into one of the three fields ("15/08/1990", "15 08 1990",
 * "15081990", "1990-08-15"), split into its parts; null for anything else, which is
 * then pasted as usual.
 */
export function splitPastedDate(text: string): BirthDateParts | null {
  const value = text.trim();
  const separated = SEPARATED.exec(value) ?? RUN_TOGETHER.exec(value);
  if (separated) {
    const [, day = "", month = "", year = ""] = separated;
    return { day: pad(day), month: pad(month), year };
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, year = "", month = "", day = ""] = iso;
    return { day, month, year };
  }
  return null;
}

/** The three fields of a form, read as the API's `YYYY-MM-DD` (one issue for the group). */
export const birthDatePartsSchema = z.pipe(
  z.object({ day: z.string(), month: z.string(), year: z.string() }),
  z.transform((parts: BirthDateParts, ctx) => {
    const result = checkBirthDate(parts);
    if (result.ok) return result.iso;
    // zod/mini gives a transform no addIssue: the issue goes straight into the list.
    ctx.issues.push({ code: "custom", message: result.message, input: parts });
    return z.NEVER;
  }),
);

/**
 * The parts to mark `aria-invalid` while the group shows an error: those the check
 * names, or all three when the server refused a date the check accepts.
 */
export function invalidBirthDateParts(parts: BirthDateParts, today = new Date()): BirthDatePart[] {
  const result = checkBirthDate(parts, today);
  return result.ok ? [...BIRTH_DATE_PARTS] : result.invalid;
}
