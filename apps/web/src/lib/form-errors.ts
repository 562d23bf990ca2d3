import type { ApiError } from "./api";

export type SummaryItem = { fieldId: string; message: string };

type ErrorsByField = Partial<Record<string, { message?: string | undefined } | undefined>>;

/** The error summary's lines, in the order the fields appear on screen. */
export function summaryItems(
  errors: ErrorsByField,
  fields: ReadonlyArray<{ name: string; id: string }>,
): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const { name, id } of fields) {
    const message = errors[name]?.message;
    if (message) items.push({ fieldId: id, message });
  }
  return items;
}

/**
 * Puts the server's `fields` messages (VALIDATION_ERROR, WEAK_PASSWORD…) on the form's
 * fields. `mapping` says which form field shows each API field. Returns how many were
 * placed, so that the caller can fall back to a global message.
 */
export function applyServerFieldErrors<F extends string>(
  error: ApiError,
  mapping: Partial<Record<string, F>>,
  setError: (field: F, error: { type: string; message: string }) => void,
): number {
  let placed = 0;
  for (const [apiField, message] of Object.entries(error.fields ?? {})) {
    const field = mapping[apiField];
    if (!field) continue;
    setError(field, { type: "server", message });
    placed += 1;
  }
  return placed;
}
