import { useEffect, useMemo, useRef } from "react";
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import { z } from "zod/mini";
import type { PasswordPolicy } from "./password-policy";

/** The "new password, twice" pair of every form that sets a password. */
export const PASSWORDS_DIFFER =
  "Les deux mots de passe ne sont pas identiques : saisissez le même mot de passe dans les deux champs.";
export const CONFIRMATION_EMPTY = "Saisissez à nouveau votre mot de passe.";

export const confirmationSchema = z.string().check(z.minLength(1, CONFIRMATION_EMPTY));

/**
 * Adds "the confirmation equals the password" to a form schema. The two are compared even
 * when another field (the question…) is still wrong, so that every error shows at once.
 */
export function withMatchingConfirmation<
  S extends z.ZodMiniType<{ password: string; confirmation: string }>,
>(schema: S): S {
  return schema.check(
    z.refine((v) => v.confirmation === "" || v.password === v.confirmation, {
      path: ["confirmation"],
      message: PASSWORDS_DIFFER,
      when: ({ value }) => {
        const v = value as { password?: unknown; confirmation?: unknown };
        return typeof v.password === "string" && typeof v.confirmation === "string";
      },
    }),
  );
}

export type PersonalData = Parameters<PasswordPolicy>[1];

/**
 * The form's resolver, plus the password policy once its checker has loaded: a refused
 * password is reported with the other fields, before any request (the server checks
 * again either way). `resolver` must be stable (built once, outside the component).
 */
export function usePolicyResolver<V extends FieldValues & { password: string }, O>(
  resolver: Resolver<V, unknown, O>,
  policy: PasswordPolicy | null,
  personal: PersonalData,
): Resolver<V, unknown, O> {
  const latest = useRef({ policy, personal });
  useEffect(() => {
    latest.current = { policy, personal };
  });
  return useMemo(
    () => async (values, context, options) => {
      const result = await resolver(values, context, options);
      const { policy: check, personal: data } = latest.current;
      const verdict = check && values.password ? check(values.password, data) : null;
      if (!verdict || verdict.ok || result.errors.password) return result;
      const password = { type: "policy", message: verdict.problems.join(" ") };
      return { values: {}, errors: { ...result.errors, password } as FieldErrors<V> };
    },
    [resolver],
  );
}
