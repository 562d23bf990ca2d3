import { newPasswordSchema, PASSWORD_MIN_LENGTH } from "@mgen/contracts";
import { totpCodeSchema } from "@mgen/contracts/staff";
import { z } from "zod/mini";

export const PASSWORD_TOO_SHORT = `Le mot de passe compte au moins ${PASSWORD_MIN_LENGTH} caractères.`;
export const CONFIRMATION_EMPTY = "Saisissez à nouveau le mot de passe.";
export const PASSWORDS_DIFFER =
  "Les deux mots de passe ne sont pas identiques : saisissez le même dans les deux champs.";

/**
 * The enrolment form: the contracts' fields, plus what the adviser can be told before
 * any request (length, confirmation). The rest of the policy answers WEAK_PASSWORD.
 */
export const enrolmentFormSchema = z
  .object({
    password: newPasswordSchema.check(z.minLength(PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT)),
    confirmation: z.string().check(z.minLength(1, CONFIRMATION_EMPTY)),
    code: totpCodeSchema,
  })
  .check(
    z.refine((v) => v.confirmation === "" || v.password === v.confirmation, {
      path: ["confirmation"],
      message: PASSWORDS_DIFFER,
      when: ({ value }) => {
        const v = value as { password?: unknown; confirmation?: unknown };
        return typeof v.password === "string" && typeof v.confirmation === "string";
      },
    }),
  );

export type EnrolmentValues = z.input<typeof enrolmentFormSchema>;
export type EnrolmentOutput = z.output<typeof enrolmentFormSchema>;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": read aloud or typed four at a time. */
export function groupKey(secret: string): string {
  return (
    secret
      .replace(/[\s=]+/g, "")
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}
