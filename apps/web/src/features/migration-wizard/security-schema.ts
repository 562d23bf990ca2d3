import {
  type MigrationCreateRequest,
  newPasswordSchema,
  secretAnswerSchema,
  secretQuestionIdSchema,
} from "@mgen/contracts";
import { z } from "zod/mini";
import { confirmationSchema, withMatchingConfirmation } from "../../lib/new-password";

/**
 * Step 2 (create). The policy itself (length, strength, personal data) is judged by the
 * lazily loaded checker and, in the end, by the server (WEAK_PASSWORD).
 */
export const securityFormSchema = withMatchingConfirmation(
  z.object({
    password: newPasswordSchema,
    confirmation: confirmationSchema,
    // A string in the form (the select starts on ""), one of the list once valid.
    secretQuestionId: z.pipe(z.string(), secretQuestionIdSchema),
    secretAnswer: secretAnswerSchema,
  }),
);

export type SecurityValues = z.input<typeof securityFormSchema>;
export type SecurityOutput = z.output<typeof securityFormSchema>;

export function toCreateRequest(email: string, values: SecurityOutput): MigrationCreateRequest {
  return {
    email,
    password: values.password,
    secretQuestionId: values.secretQuestionId,
    secretAnswer: values.secretAnswer,
  };
}
