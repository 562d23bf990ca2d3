import {
  type ConnectResetPasswordRequest,
  newPasswordSchema,
  SECRET_ANSWER_MAX_LENGTH,
} from "@mgen/contracts";
import { z } from "zod/mini";
import { confirmationSchema, withMatchingConfirmation } from "../../lib/new-password";

export const ANSWER_EMPTY = "Saisissez la réponse à votre question secrète.";

/**
 * The new password, twice, and the answer when the identity has a secret question. The
 * answer is only required here: its length rules were those of the site that set it, so
 * the server alone judges it (and counts wrong answers toward the lock).
 */
export function resetFormSchema(askAnswer: boolean) {
  return withMatchingConfirmation(
    z.object({
      password: newPasswordSchema,
      confirmation: confirmationSchema,
      secretAnswer: askAnswer
        ? z
            .string()
            .check(
              z.trim(),
              z.minLength(1, ANSWER_EMPTY),
              z.maxLength(
                SECRET_ANSWER_MAX_LENGTH,
                `La réponse compte au plus ${SECRET_ANSWER_MAX_LENGTH} caractères.`,
              ),
            )
        : z.string(),
    }),
  );
}

export type ResetValues = z.input<ReturnType<typeof resetFormSchema>>;
export type ResetOutput = z.output<ReturnType<typeof resetFormSchema>>;

export function toResetRequest(
  token: string,
  values: ResetOutput,
  askAnswer: boolean,
): ConnectResetPasswordRequest {
  return askAnswer
    ? { token, password: values.password, secretAnswer: values.secretAnswer }
    : { token, password: values.password };
}
