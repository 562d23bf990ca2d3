/**
 * A value handed from one page to the next to pre-fill a field, in the router's location
 * state (never in the URL, which servers and histories keep).
 */
export type SignInPrefill = { identifier: string };
export type EmailPrefill = { email: string };

const PREFILL_KEYS = ["identifier", "email"] as const;
const PREFILL_MAX_LENGTH = 254;

/**
 * The pre-filled value of `key` in a location state, else "". A state whose `identifier`
 * or `email` is not a string of at most 254 characters pre-fills nothing. Checked by hand
 * rather than with zod: the sign-in page reads it, and zod is not part of the first
 * download (ADR 012).
 */
export function readPrefill(state: unknown, key: "identifier" | "email"): string {
  if (typeof state !== "object" || state === null || Array.isArray(state)) return "";
  const values = state as Partial<Record<(typeof PREFILL_KEYS)[number], unknown>>;
  const valid = PREFILL_KEYS.every((k) => {
    const value = values[k];
    return value === undefined || (typeof value === "string" && value.length <= PREFILL_MAX_LENGTH);
  });
  return valid ? ((values[key] as string | undefined) ?? "") : "";
}
