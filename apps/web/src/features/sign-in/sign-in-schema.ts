import {
  currentPasswordSchema,
  emailSchema,
  identifierKind,
  type LoginEmailRequest,
  type LoginNirRequest,
  nirSchema,
  normalizeEmail,
  normalizeNir,
} from "@mgen/contracts";
import { z } from "zod";
import { nirComplete } from "../../lib/nir-check";

export const IDENTIFIER_EMPTY =
  "Saisissez votre numéro de sécurité sociale ou votre adresse email.";

/** One field, two kinds of identifier: an "@" means an email, anything else a NIR. */
export const identifierSchema = z.string().superRefine((value, ctx) => {
  if (value.trim() === "") {
    ctx.addIssue({ code: "custom", message: IDENTIFIER_EMPTY });
    return;
  }
  const schema = identifierKind(value) === "email" ? emailSchema : nirSchema;
  const result = schema.safeParse(value);
  for (const issue of result.error?.issues.slice(0, 1) ?? []) {
    ctx.addIssue({ code: "custom", message: issue.message });
  }
});

export const signInFormSchema = z.object({
  identifier: identifierSchema,
  password: currentPasswordSchema,
});

export type SignInValues = z.input<typeof signInFormSchema>;

export type LoginRequest =
  | { kind: "nir"; path: "/api/login/nir"; body: LoginNirRequest }
  | { kind: "email"; path: "/api/login/email"; body: LoginEmailRequest };

/** The request a valid form sends: the NIR without separators, the email normalised. */
export function toLoginRequest({ identifier, password }: SignInValues): LoginRequest {
  if (identifierKind(identifier) === "email") {
    return {
      kind: "email",
      path: "/api/login/email",
      body: { email: normalizeEmail(identifier), password },
    };
  }
  return { kind: "nir", path: "/api/login/nir", body: { nir: normalizeNir(identifier), password } };
}

/** A NIR is judged as soon as it is complete; an email only on leaving the field. */
export function nirCheckDue(value: string): boolean {
  return identifierKind(value) === "nir" && nirComplete(value);
}
