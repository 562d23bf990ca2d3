import type { LoginEmailRequest, LoginNirRequest } from "@mgen/contracts";
import {
  currentPasswordMessage,
  emailMessage,
  identifierKind,
  nirMessage,
  normalizeEmail,
  normalizeNir,
} from "@mgen/contracts/rules";
import type { FieldError, Resolver } from "react-hook-form";
import { nirComplete } from "../../lib/nir-check";

export const IDENTIFIER_EMPTY =
  "Saisissez votre numéro de sécurité sociale ou votre adresse email.";

export type SignInValues = { identifier: string; password: string };

/**
 * What the form says about each field, nothing when it may be sent. One field, two kinds
 * of identifier: an "@" means an email, anything else a NIR. The messages are those of
 * the contracts' schemas (the server's), given by their plain functions: the sign-in
 * page is the first screen, and zod is not part of its download (ADR 012).
 */
export function signInProblems({
  identifier,
  password,
}: SignInValues): Partial<Record<keyof SignInValues, string>> {
  const problems: Partial<Record<keyof SignInValues, string>> = {};
  const identifierProblem =
    identifier.trim() === ""
      ? IDENTIFIER_EMPTY
      : identifierKind(identifier) === "email"
        ? emailMessage(identifier)
        : nirMessage(identifier);
  if (identifierProblem) problems.identifier = identifierProblem;
  const passwordProblem = currentPasswordMessage(password);
  if (passwordProblem) problems.password = passwordProblem;
  return problems;
}

/**
 * `signInProblems` as react-hook-form asks a resolver to answer: each error with its
 * field's element, which the form focuses. Two flat fields: nothing to nest, so not
 * @hookform/resolvers' `toNestErrors` (0.3 KB of the first download, issue 17).
 */
export const signInResolver: Resolver<SignInValues> = async (values, _context, options) => {
  const problems = Object.entries(signInProblems(values)) as [keyof SignInValues, string][];
  if (problems.length === 0) return { values, errors: {} };
  const errors: Partial<Record<keyof SignInValues, FieldError>> = {};
  for (const [name, message] of problems)
    errors[name] = { type: "custom", message, ref: options.fields[name]?.ref };
  return { values: {}, errors };
};

/** Which form field shows each field of a VALIDATION_ERROR from the login routes. */
export const LOGIN_FIELDS = {
  nir: "identifier",
  email: "identifier",
  password: "password",
} as const;

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
