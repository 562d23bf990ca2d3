import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { AppError } from "../domain/errors";

/** The first French message of each field that fails, keyed by the field's name. */
export function fieldsOf(error: { issues: z.core.$ZodIssue[] }): Record<string, string> {
  // A Map, not an object literal: a field named "__proto__" must stay a plain key.
  const fields = new Map<string, string>();
  const add = (key: string, message: string) => {
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) add(k, "Ce champ n'est pas attendu.");
    } else if (issue.path.length === 0) {
      // The body itself (an array, a string…): no field to name.
      add("_", "Le contenu de la demande doit être un objet JSON.");
    } else {
      add(issue.path.length > 0 ? String(issue.path[0]) : "_", issue.message);
    }
  }
  return Object.fromEntries(fields);
}

/** Validates the JSON body with a contracts schema; failures are VALIDATION_ERROR with fields. */
export function jsonBody<T extends z.core.$ZodType>(schema: T) {
  return zValidator("json", schema, (result) => {
    if (!result.success) {
      throw new AppError("VALIDATION_ERROR", { fields: fieldsOf(result.error) });
    }
  });
}
