import { z } from "zod/mini";
import { BIRTH_DATE_MESSAGES, isValidBirthDate } from "./birth-date";
import { EMAIL_MESSAGES, emailMessage, normalizeEmail } from "./email";
import { ERROR_CODES, type ErrorCode } from "./errors";
import { NIR_MESSAGES, nirMessage, normalizeNir } from "./nir";
import {
  currentPasswordMessage,
  PASSWORD_INPUT_MAX_LENGTH,
  PASSWORD_MESSAGES,
} from "./password-rules";
import {
  normalizeSecretAnswer,
  SECRET_ANSWER_MAX_LENGTH,
  SECRET_ANSWER_MIN_LENGTH,
  SECRET_QUESTION_IDS,
} from "./secret-questions";

/**
 * Every request and response body of API.md, and the field schemas they are made of.
 * Requests are strict objects: an unknown field is a VALIDATION_ERROR, so a body can never
 * smuggle in anything the route does not read. Response shapes may grow (API.md), so they
 * are plain objects. The rules the fields apply (nir.ts, email.ts, birth-date.ts…) are
 * plain functions without zod, so that the SPA's first screen can use them alone
 * (`@mgen/contracts/rules`, ADR 012).
 */

// ---------------------------------------------------------------- fields

/** A check that adds the message `rule` gives, if any: the rule lives in its own file. */
function ruleCheck(rule: (value: string) => string | null) {
  return z.superRefine<string>((value, ctx) => {
    const message = rule(value);
    if (message !== null) ctx.addIssue({ code: "custom", message });
  });
}

/** A NIR typed with or without separators; the output is normalised (15 characters). */
export const nirSchema = z.pipe(
  z.string({ error: NIR_MESSAGES.empty }).check(ruleCheck(nirMessage)),
  z.transform(normalizeNir),
);

/** A normalised email address; the output is trimmed and lower-cased. */
export const emailSchema = z.pipe(
  z.string({ error: EMAIL_MESSAGES.empty }).check(ruleCheck(emailMessage)),
  z.transform(normalizeEmail),
);

/** A birth date as the API carries it: `YYYY-MM-DD`. */
export const birthDateSchema = z
  .string({ error: BIRTH_DATE_MESSAGES.empty })
  .check(z.refine((v) => isValidBirthDate(v), BIRTH_DATE_MESSAGES.invalid));

/** A password being checked (sign-in, linking): any non-empty string of sane size. */
export const currentPasswordSchema = z
  .string({ error: PASSWORD_MESSAGES.empty })
  .check(ruleCheck(currentPasswordMessage));

/**
 * A new password as a body carries it. The policy itself (length, strength, personal
 * data) answers WEAK_PASSWORD, not VALIDATION_ERROR, so it is checked by the BFF's
 * domain with `checkPasswordPolicy`.
 */
export const newPasswordSchema = z
  .string({ error: "Choisissez un mot de passe." })
  .check(
    z.minLength(1, "Choisissez un mot de passe."),
    z.maxLength(PASSWORD_INPUT_MAX_LENGTH, PASSWORD_MESSAGES.tooLong),
  );

/** An emailed link's token: any malformed value is simply an invalid token. */
export const tokenSchema = z
  .string({ error: "Le lien est incomplet." })
  .check(z.minLength(1, "Le lien est incomplet."), z.maxLength(512, "Le lien est incomplet."));

export const secretQuestionIdSchema = z.enum(SECRET_QUESTION_IDS, {
  error: "Choisissez une question dans la liste.",
});

const SECRET_ANSWER_TOO_LONG = `La réponse compte au plus ${SECRET_ANSWER_MAX_LENGTH} caractères.`;

/** A secret answer as typed, of SECRET_ANSWER_MAX_LENGTH characters at most, normalised. */
function normalizedSecretAnswer(params?: { error: string }) {
  return z.pipe(
    z.string(params).check(z.maxLength(SECRET_ANSWER_MAX_LENGTH, SECRET_ANSWER_TOO_LONG)),
    z.transform(normalizeSecretAnswer),
  );
}

/** A secret answer, normalised (see normalizeSecretAnswer). */
export const secretAnswerSchema = z.pipe(
  normalizedSecretAnswer({ error: "Saisissez la réponse à votre question." }),
  z
    .string()
    .check(
      z.minLength(
        SECRET_ANSWER_MIN_LENGTH,
        `La réponse doit compter au moins ${SECRET_ANSWER_MIN_LENGTH} caractères.`,
      ),
    ),
);

// ---------------------------------------------------------------- requests

export const loginNirRequestSchema = z.strictObject({
  nir: nirSchema,
  password: currentPasswordSchema,
});

export const loginEmailRequestSchema = z.strictObject({
  email: emailSchema,
  password: currentPasswordSchema,
});

export const migrationEmailRequestSchema = z.strictObject({ email: emailSchema });

export const migrationCreateRequestSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  secretQuestionId: secretQuestionIdSchema,
  secretAnswer: secretAnswerSchema,
});

export const migrationLinkRequestSchema = z.strictObject({
  email: emailSchema,
  password: currentPasswordSchema,
});

export const migrationResendRequestSchema = z.strictObject({});

export const tokenRequestSchema = z.strictObject({ token: tokenSchema });
export const migrationConfirmRequestSchema = tokenRequestSchema;
export const connectInspectRequestSchema = tokenRequestSchema;
export const migrationCancelRequestSchema = tokenRequestSchema;

export const legacyIdentityRequestSchema = z.strictObject({
  nir: nirSchema,
  birthDate: birthDateSchema,
});
export const legacyForgotPasswordRequestSchema = legacyIdentityRequestSchema;
export const legacyUnlockRequestSchema = legacyIdentityRequestSchema;

export const legacyResetPasswordRequestSchema = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
});

export const connectForgotPasswordRequestSchema = z.strictObject({ email: emailSchema });

export const connectResetPasswordRequestSchema = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
  secretAnswer: z.optional(
    normalizedSecretAnswer({ error: "Saisissez la réponse à votre question." }),
  ),
});

// ---------------------------------------------------------------- responses

export const MIGRATION_STEPS = ["email", "security", "link", "pending"] as const;
export type MigrationStep = (typeof MIGRATION_STEPS)[number];

export const anonymousStateSchema = z.object({
  state: z.literal("anonymous"),
  /** Set by /api/migration/confirm when a link alone validated an address. */
  validatedEmail: z.optional(z.string()),
});

export const migrationStateSchema = z.object({
  state: z.literal("migration"),
  firstName: z.string(),
  step: z.enum(MIGRATION_STEPS),
  /** The address to pre-fill at step 1: the chosen one, else the contact email if free. */
  proposedEmail: z.nullable(z.string()),
  /** True when the contact email is already another Espace's identifier (step 1 says why it is empty). */
  contactEmailTaken: z.optional(z.boolean()),
  pendingEmail: z.optional(z.string()),
});

export const memberStateSchema = z.object({
  state: z.literal("member"),
  firstName: z.string(),
  email: z.string(),
});

export const sessionStateSchema = z.discriminatedUnion("state", [
  anonymousStateSchema,
  migrationStateSchema,
  memberStateSchema,
]);

export const migrationEmailResponseSchema = z.object({
  next: z.enum(["create", "link"]),
});

export const pendingStateSchema = z.extend(migrationStateSchema, {
  step: z.literal("pending"),
  pendingEmail: z.string(),
});

export const migrationCreateResponseSchema = z.union([memberStateSchema, pendingStateSchema]);
export const migrationConfirmResponseSchema = z.union([memberStateSchema, anonymousStateSchema]);

export const neutralMessageResponseSchema = z.object({ message: z.string() });

/** The pending migration announced to the contact address is cancelled. */
export const migrationCancelResponseSchema = z.object({
  status: z.literal("cancelled"),
  message: z.string(),
});

export const connectInspectResponseSchema = z.object({ secretQuestion: z.nullable(z.string()) });

export const connectResetResponseSchema = z.object({
  status: z.literal("ok"),
  /** False when the identity is the identifier of no Espace yet (it may now be linked from the wizard). */
  linkedToEspace: z.boolean(),
});

export const secretQuestionsResponseSchema = z.array(
  z.object({ id: z.string(), label: z.string() }),
);

export const meResponseSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** ISO 8601 */
  migratedAt: z.string(),
});

export const healthResponseSchema = z.object({ status: z.literal("ok") });

export const mailboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  links: z.array(z.string()),
  /** ISO 8601 */
  receivedAt: z.string(),
});
export const mailboxResponseSchema = z.array(mailboxMessageSchema);

/** The error envelope of every 4xx and 5xx (API.md). */
export const errorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
// ---------------------------------------------------------------- types

export type LoginNirRequest = z.input<typeof loginNirRequestSchema>;
export type LoginEmailRequest = z.input<typeof loginEmailRequestSchema>;
export type MigrationEmailRequest = z.input<typeof migrationEmailRequestSchema>;
export type MigrationCreateRequest = z.input<typeof migrationCreateRequestSchema>;
export type MigrationLinkRequest = z.input<typeof migrationLinkRequestSchema>;
export type TokenRequest = z.input<typeof tokenRequestSchema>;
export type LegacyIdentityRequest = z.input<typeof legacyIdentityRequestSchema>;
export type LegacyResetPasswordRequest = z.input<typeof legacyResetPasswordRequestSchema>;
export type ConnectForgotPasswordRequest = z.input<typeof connectForgotPasswordRequestSchema>;
export type ConnectResetPasswordRequest = z.input<typeof connectResetPasswordRequestSchema>;

export type AnonymousState = z.infer<typeof anonymousStateSchema>;
export type MigrationState = z.infer<typeof migrationStateSchema>;
export type MemberState = z.infer<typeof memberStateSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type MigrationEmailResponse = z.infer<typeof migrationEmailResponseSchema>;
export type MigrationCreateResponse = z.infer<typeof migrationCreateResponseSchema>;
export type MigrationConfirmResponse = z.infer<typeof migrationConfirmResponseSchema>;
export type MigrationCancelResponse = z.infer<typeof migrationCancelResponseSchema>;
export type NeutralMessageResponse = z.infer<typeof neutralMessageResponseSchema>;
export type ConnectInspectResponse = z.infer<typeof connectInspectResponseSchema>;
export type ConnectResetResponse = z.infer<typeof connectResetResponseSchema>;
export type SecretQuestionsResponse = z.infer<typeof secretQuestionsResponseSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
