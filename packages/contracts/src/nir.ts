/**
 * NIR (numéro de sécurité sociale) rules, shared by the SPA (checks as the member
 * types) and the BFF (checks again before any look-up).
 *
 * The structure is judged leniently on purpose: real members hold provisional (7, 8)
 * and special numbers, so month, department and commune values are not judged.
 */

export type NirProblem = "empty" | "length" | "structure" | "key";

export type NirCheck = { ok: true; nir: string } | { ok: false; problem: NirProblem };

/** Spaces (including non-breaking ones), dots and dashes may separate the groups. */
const SEPARATORS = /[\s\u00a0\u202f.-]/g;
const STRUCTURE = /^[1-8]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/;

export const NIR_MESSAGES: Record<NirProblem, string> = {
  empty: "Saisissez votre numéro de sécurité sociale.",
  length:
    "Le numéro de sécurité sociale compte 15 caractères, clé comprise (exemple : 2 90 08 69 123 045 11).",
  structure:
    "Ce numéro ne ressemble pas à un numéro de sécurité sociale : vérifiez chaque chiffre (exemple : 2 90 08 69 123 045 11).",
  key: "La clé de contrôle ne correspond pas : vérifiez votre numéro.",
};

/** Longer input is refused before it is read (a NIR with every separator is 21 characters). */
const NIR_MAX_INPUT_LENGTH = 64;

/** Removes separators and upper-cases the Corsican department letters. */
export function normalizeNir(input: string): string {
  return input.replace(SEPARATORS, "").toUpperCase();
}

/**
 * The key is 97 − (N mod 97), N being the 13 first characters read as an integer with
 * 2A → 19 and 2B → 18. It runs from 01 to 97 (a multiple of 97 gives 97, never 00).
 */
export function nirKey(first13: string): string {
  const digits = first13.replace("2A", "19").replace("2B", "18");
  // 13 digits stay below 2^53: plain numbers are exact here.
  const key = 97 - (Number(digits) % 97);
  return String(key).padStart(2, "0");
}

export function checkNir(input: string): NirCheck {
  const nir = normalizeNir(input);
  if (nir.length === 0) return { ok: false, problem: "empty" };
  if (nir.length !== 15) return { ok: false, problem: "length" };
  if (!STRUCTURE.test(nir)) return { ok: false, problem: "structure" };
  if (nirKey(nir.slice(0, 13)) !== nir.slice(13)) return { ok: false, problem: "key" };
  return { ok: true, nir };
}

/**
 * What a form says about a typed NIR, null when it is valid: the first message of
 * `nirSchema` (api.ts), without zod, for the SPA's first screen (ADR 012).
 */
export function nirMessage(input: string): string | null {
  if (input.length > NIR_MAX_INPUT_LENGTH) return NIR_MESSAGES.length;
  const result = checkNir(input);
  return result.ok ? null : NIR_MESSAGES[result.problem];
}

/** An identifier containing "@" is an email address; anything else is read as a NIR. */
export function identifierKind(input: string): "email" | "nir" {
  return input.includes("@") ? "email" : "nir";
}

/** Groups a normalised NIR the way it is printed on the carte Vitale: 2 90 08 69 123 045 11. */
export function formatNir(nir: string): string {
  const n = normalizeNir(nir);
  const parts = [
    n.slice(0, 1),
    n.slice(1, 3),
    n.slice(3, 5),
    n.slice(5, 7),
    n.slice(7, 10),
    n.slice(10, 13),
    n.slice(13, 15),
  ];
  return parts.filter(Boolean).join(" ");
}
