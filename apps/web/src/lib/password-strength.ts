import { PASSWORD_MIN_SCORE, STRENGTH_LABELS } from "@mgen/contracts";
import type { PasswordVerdict } from "@mgen/contracts/password";

export type StrengthView = {
  /** 0 to 4, for the bar. */
  level: 0 | 1 | 2 | 3 | 4;
  label: (typeof STRENGTH_LABELS)[number];
  accepted: boolean;
  /** Why it is refused, then one piece of advice. */
  lines: string[];
};

/**
 * What the meter shows. A refused password never reads "Fort": its level is capped
 * below the required score, so the meter and the refusal never contradict each other.
 */
export function strengthView(verdict: PasswordVerdict): StrengthView {
  const level = verdict.ok
    ? verdict.score
    : (Math.min(verdict.score, PASSWORD_MIN_SCORE - 1) as StrengthView["level"]);
  const lines = verdict.ok ? [] : [...verdict.problems, ...verdict.suggestions.slice(0, 1)];
  return { level, label: STRENGTH_LABELS[level], accepted: verdict.ok, lines };
}
