import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { AppError } from "../domain/errors";

/** The first French message of each field that fails, keyed by the field's name. */
export function fieldsOf(error: { issues: z.core.$ZodIssue[] }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_";
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) fields[k] ??= "Ce champ n'est pas attendu.";
      continue;
    }
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates the JSON body with a contracts schema; failures are VALIDATION_ERROR with fields. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return zValidator("json", schema, (result) => {
    if (!result.success) {
      throw new AppError("VALIDATION_ERROR", { fields: fieldsOf(result.error) });
    }
  });
}
