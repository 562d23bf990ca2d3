import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as fr from "@zxcvbn-ts/language-fr";
import {
  CONTEXT_WORDS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
} from "./password-rules";

/**
 * The new-password policy (SPEC "New passwords"): 12 to 128 characters, no composition
 * rule, a zxcvbn-ts score of at least 3 with the French and common dictionaries (which
 * also rejects the common-password list), and none of the member's personal data.
 *
 * This module carries ~1 MB of dictionaries: the SPA loads it lazily, on the screens
 * that ask for a new password only.
 */

export type PersonalData = {
  firstName?: string | null;
  lastName?: string | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  email?: string | null;
};

export type PasswordVerdict = {
  ok: boolean;
  /** zxcvbn-ts score, 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why the password is refused, in plain French; empty when `ok`. */
  problems: string[];
  /** Advice to make it stronger, in plain French. */
  suggestions: string[];
};

let factory: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
    useLevenshteinDistance: true,
  });
  return factory;
}

/** Lower case, accents removed, so "Hélène" is found in "HELENE2026". */
function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function birthDateForms(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return [];
  const [, y = "", m = "", d = ""] = match;
  const yy = y.slice(2);
  return [
    `${d}${m}${y}`,
    `${y}${m}${d}`,
    `${d}${m}${yy}`,
    `${d}/${m}/${y}`,
    `${d}-${m}-${y}`,
    `${d}.${m}.${y}`,
    `${y}-${m}-${d}`,
  ];
}

/** The personal data found in the password, named for the member. */
export function personalDataIn(password: string, personal: PersonalData): string[] {
  const folded = fold(password);
  const found: string[] = [];
  const names: Array<[string | null | undefined, string]> = [
    [personal.firstName, "votre prénom"],
    [personal.lastName, "votre nom"],
  ];
  for (const [name, label] of names) {
    // Each part of a compound name counts ("Jean-Pierre" → "jean", "pierre").
    const parts = fold(name ?? "")
      .split(/[\s'’-]+/)
      .filter((p) => p.length >= 3);
    if (parts.some((p) => folded.includes(p))) found.push(label);
  }
  if (personal.birthDate && birthDateForms(personal.birthDate).some((f) => folded.includes(f))) {
    found.push("votre date de naissance");
  }
  const local = fold(personal.email ?? "").split("@")[0] ?? "";
  if (local.length >= 3 && folded.includes(local)) found.push("votre adresse email");
  return found;
}

function joinFrench(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

export function checkPasswordPolicy(
  password: string,
  personal: PersonalData = {},
): PasswordVerdict {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Votre mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Votre mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères.`);
  }
  const personalFound = personalDataIn(password, personal);
  if (personalFound.length > 0) {
    problems.push(`Votre mot de passe ne doit pas contenir ${joinFrench(personalFound)}.`);
  }
  const userInputs = [
    ...[personal.firstName, personal.lastName, personal.email, personal.birthDate]
      .filter((v): v is string => Boolean(v))
      .map(fold),
    ...CONTEXT_WORDS,
  ];
  const result = zxcvbn().check(password.slice(0, PASSWORD_MAX_LENGTH), userInputs);
  const suggestions = [...result.feedback.suggestions];
  if (result.score < PASSWORD_MIN_SCORE && password.length >= PASSWORD_MIN_LENGTH) {
    const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
    problems.push(`Ce mot de passe serait trop facile à deviner.${why}`.trim());
    if (suggestions.length === 0) {
      suggestions.push("Ajoutez des mots inhabituels, une phrase de passe est une bonne idée.");
    }
  }
  return { ok: problems.length === 0, score: result.score, problems, suggestions };
}
