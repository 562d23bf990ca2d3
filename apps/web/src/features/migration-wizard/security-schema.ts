import {
  type MigrationCreateRequest,
  newPasswordSchema,
  secretAnswerSchema,
  secretQuestionIdSchema,
} from "@mgen/contracts";
import { z } from "zod";

export const PASSWORDS_DIFFER =
  "Les deux mots de passe ne sont pas identiques : saisissez le même mot de passe dans les deux champs.";
const CONFIRMATION_EMPTY = "Saisissez à nouveau votre mot de passe.";

/**
 * Step 2 (create). The policy itself (length, strength, personal data) is judged by the
 * lazily loaded checker and, in the end, by the server (WEAK_PASSWORD).
 */
export const securityFormSchema = z
  .object({
    password: newPasswordSchema,
    confirmation: z.string().min(1, CONFIRMATION_EMPTY),
    // A string in the form (the select starts on ""), one of the list once valid.
    secretQuestionId: z.string().pipe(secretQuestionIdSchema),
    secretAnswer: secretAnswerSchema,
  })
  .refine((v) => v.confirmation === "" || v.password === v.confirmation, {
    path: ["confirmation"],
    message: PASSWORDS_DIFFER,
    // Compare the passwords even when another field (the question…) is still wrong.
    when: ({ value }) => {
      const v = value as { password?: unknown; confirmation?: unknown };
      return typeof v.password === "string" && typeof v.confirmation === "string";
    },
  });

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
