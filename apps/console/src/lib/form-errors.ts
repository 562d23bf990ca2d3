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
 * Puts the server's `fields` messages (VALIDATION_ERROR…) on the form's fields. Returns
 * how many were placed, so that the caller can fall back to a global message.
 */
export function applyServerFieldErrors<F extends string>(
  error: ApiError,
  fields: readonly F[],
  setError: (field: F, error: { type: string; message: string }) => void,
): number {
  let placed = 0;
  for (const [name, message] of Object.entries(error.fields ?? {})) {
    const field = fields.find((f) => f === name);
    if (!field) continue;
    setError(field, { type: "server", message });
    placed += 1;
  }
  return placed;
}

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * A contract schema's issues as react-hook-form's field errors, the first per field,
 * for the forms whose values are not exactly a request body (empty filters, a field
 * that one action asks and another does not).
 */
export function fieldErrorsOf<F extends string>(
  issues: ReadonlyArray<Issue>,
  names: readonly F[],
): Partial<Record<F, { type: string; message: string }>> {
  const errors: Partial<Record<F, { type: string; message: string }>> = {};
  for (const issue of issues) {
    const name = names.find((n) => n === issue.path[0]);
    if (name && !errors[name]) errors[name] = { type: "validation", message: issue.message };
  }
  return errors;
}
