import { z } from "zod";

/**
 * A value handed from one page to the next to pre-fill a field, in the router's location
 * state (never in the URL, which servers and histories keep).
 */
export type SignInPrefill = { identifier: string };
export type EmailPrefill = { email: string };

const prefillSchema = z.object({
  identifier: z.string().max(254).optional(),
  email: z.string().max(254).optional(),
});

/** The pre-filled value of `key` in a location state, else "". */
export function readPrefill(state: unknown, key: "identifier" | "email"): string {
  const parsed = prefillSchema.safeParse(state);
  return parsed.success ? (parsed.data[key] ?? "") : "";
}
