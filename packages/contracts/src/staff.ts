import { z } from "zod/mini";
import { emailSchema, newPasswordSchema, tokenSchema } from "./api";

/**
 * The staff API of OPERATIONS.md §2: the bodies the advisers' console sends and the
 * answers it reads. A separate entry point (`@mgen/contracts/staff`), so that nothing
 * of the console reaches the members' SPA. Requests are strict objects, as in api.ts.
 */

export const STAFF_ROLES = ["conseiller", "superviseur"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A written reason for an action: 10 characters or more once trimmed. */
export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 500;
export const REASON_MESSAGE = `Indiquez le motif de cette action (${REASON_MIN_LENGTH} caractères au moins).`;

export const reasonSchema = z.pipe(
  z.string({ error: REASON_MESSAGE }).check(z.trim()),
  z
    .string()
    .check(
      z.minLength(REASON_MIN_LENGTH, REASON_MESSAGE),
      z.maxLength(REASON_MAX_LENGTH, `Le motif compte au plus ${REASON_MAX_LENGTH} caractères.`),
    ),
);

/** A TOTP code: 6 digits (spaces typed between groups are removed). */
export const totpCodeSchema = z.pipe(
  z.string({ error: "Saisissez le code de vérification." }).check(
    z.overwrite((v) => v.replace(/\s+/g, "")),
    z.regex(/^\d{6}$/, "Le code de vérification compte 6 chiffres."),
  ),
  z.string(),
);

export const staffLoginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z
    .string({ error: "Saisissez votre mot de passe." })
    .check(
      z.minLength(1, "Saisissez votre mot de passe."),
      z.maxLength(256, "Mot de passe trop long."),
    ),
});
export const staffTotpRequestSchema = z.strictObject({ code: totpCodeSchema });
export const staffEnrolmentInspectRequestSchema = z.strictObject({ token: tokenSchema });
export const staffEnrolmentRequestSchema = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
  code: totpCodeSchema,
});
export const staffReasonRequestSchema = z.strictObject({ reason: reasonSchema });
export const staffContactEmailRequestSchema = z.strictObject({
  email: emailSchema,
  reason: reasonSchema,
});

export const STAFF_SEARCH_MAX_LENGTH = 100;
export const staffSearchQuerySchema = z.strictObject({
  q: z
    .string({ error: "Saisissez un NIR, une adresse email ou un nom." })
    .check(
      z.trim(),
      z.minLength(2, "Saisissez au moins 2 caractères."),
      z.maxLength(STAFF_SEARCH_MAX_LENGTH, "Recherche trop longue."),
    ),
});

export const STAFF_ACTIONS = [
  "staff.login",
  "staff.search",
  "staff.unlock",
  "staff.send_reset",
  "staff.resend_validation",
  "staff.cancel_pending",
  "staff.contact_email",
  "staff.end_sessions",
  "staff.export",
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;
export const staffAuditQuerySchema = z.strictObject({
  staff: z.optional(emailSchema),
  member: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,12}$/, "Numéro d'adhérent invalide.")),
      z.transform(Number),
    ),
  ),
  action: z.optional(z.enum(STAFF_ACTIONS, { error: "Action inconnue." })),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/, "Nombre de lignes invalide.")),
      z.transform(Number),
    ),
  ),
  before: z.optional(z.string().check(z.regex(/^\d{1,15}$/, "Curseur invalide."))),
  format: z.optional(z.enum(["json", "csv"], { error: "Format inconnu." })),
});

/** A member's state as the console shows it: a funnel state, or what stops them. */
export const STAFF_MEMBER_STATES = [
  "not_started",
  "wizard_started",
  "validation_pending",
  "migrated",
  "locked",
  "no_password",
] as const;
export type StaffMemberState = (typeof STAFF_MEMBER_STATES)[number];

export const STAFF_STATE_LABELS: Record<StaffMemberState, string> = {
  not_started: "Pas encore commencé",
  wizard_started: "Migration commencée",
  validation_pending: "Validation en attente",
  migrated: "Migré",
  locked: "Bloqué",
  no_password: "Sans mot de passe",
};

export type StaffMe = { email: string; name: string; role: StaffRole };

export type StaffMemberSummary = {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** `2 90 08 •• ••• ••• 11`: the first five characters and the key, never more. */
  nirMasked: string;
  state: StaffMemberState;
  /** The MGEN Connect identifier, null before migration. */
  identifier: string | null;
};

export type StaffTimelineEntry = { at: string; event: string; channel: string };

export type StaffMemberPage = StaffMemberSummary & {
  contactEmail: string | null;
  createdAt: string;
  migratedAt: string | null;
  /** The Espace's lock (its NIR password), and the identity's when it has one. */
  espaceLocked: boolean;
  identityLocked: boolean | null;
  /** The address a pending migration waits on, and since when. */
  pending: { email: string; since: string } | null;
  timeline: StaffTimelineEntry[];
};

export type StaffAuditItem = {
  at: string;
  /** Null for a sign-in attempt with an address of no staff account. */
  staff: { email: string; name: string } | null;
  action: StaffAction;
  subject: string | null;
  reason: string | null;
  outcome: string;
};

export type StaffAuditPage = { items: StaffAuditItem[]; next: string | null };

export type StaffEnrolmentInfo = {
  email: string;
  name: string;
  otpauthUri: string;
  secret: string;
};

/*
 * The migration cockpit (OPERATIONS.md §3). Every figure is defined once, in the BFF's
 * `domain/funnel.ts`; these are the names and the French words the console shows.
 */

/** The funnel's states: each Espace is in exactly one. */
export const FUNNEL_STATES = [
  "not_started",
  "wizard_started",
  "validation_pending",
  "migrated",
] as const;
export type FunnelState = (typeof FUNNEL_STATES)[number];

/** Counted beside the funnel (they overlap its states). */
export const FUNNEL_FLAGS = ["locked", "no_password"] as const;
export type FunnelFlag = (typeof FUNNEL_FLAGS)[number];

export const MIGRATION_PATHS = ["contact_email", "other_address", "link"] as const;
export type MigrationPathName = (typeof MIGRATION_PATHS)[number];

export const DAILY_METRICS = [
  "migrated",
  "started",
  "linksSent",
  "linksOpened",
  "locks",
  "resets",
] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

export const DROP_OFF_REASONS = [
  "link_expired",
  "email_taken",
  "link_refused_not_validated",
  "link_refused_locked",
  "link_refused_wrong_password",
  "locked",
  "no_contact_email",
] as const;
export type DropOffReason = (typeof DROP_OFF_REASONS)[number];

/** States a superviseur can export the stuck members of (every state but migrated, and the flags). */
export const STUCK_STATES = [
  "not_started",
  "wizard_started",
  "validation_pending",
  "locked",
  "no_password",
] as const;
export type StuckState = (typeof STUCK_STATES)[number];

export const FUNNEL_STATE_LABELS: Record<FunnelState | FunnelFlag, string> = {
  not_started: "Pas encore commencé",
  wizard_started: "Migration commencée",
  validation_pending: "Validation d'adresse en attente",
  migrated: "Migré",
  locked: "Bloqué",
  no_password: "Sans mot de passe",
};

export const MIGRATION_PATH_LABELS: Record<MigrationPathName, string> = {
  contact_email: "Avec l'adresse de contact",
  other_address: "Avec une autre adresse validée",
  link: "En associant un identifiant existant",
};

export const DAILY_METRIC_LABELS: Record<DailyMetric, string> = {
  migrated: "Migrations terminées",
  started: "Migrations commencées",
  linksSent: "Liens de validation envoyés",
  linksOpened: "Liens de validation ouverts",
  locks: "Blocages",
  resets: "Mots de passe réinitialisés",
};

export const DROP_OFF_LABELS: Record<DropOffReason, string> = {
  link_expired: "Lien de validation expiré sans avoir été ouvert",
  email_taken: "Adresse déjà utilisée par un autre Espace",
  link_refused_not_validated: "Association refusée : identifiant non validé",
  link_refused_locked: "Association refusée : identifiant bloqué",
  link_refused_wrong_password: "Association refusée : mot de passe incorrect",
  locked: "Compte bloqué après 5 échecs",
  no_contact_email: "Pas d'adresse de contact (Espaces non migrés)",
};

/** Days of the daily series `GET /api/staff/funnel` answers: the last 30 by default, up to a year. */
export const FUNNEL_DAYS_DEFAULT = 30;
export const FUNNEL_DAYS_MAX = 366;
export const funnelQuerySchema = z.strictObject({
  days: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, "Nombre de jours invalide.")),
      z.transform(Number),
    ),
  ),
});
export const stuckQuerySchema = z.strictObject({
  state: z.enum(STUCK_STATES, { error: "État inconnu." }),
});

export type FunnelDay = { date: string } & Record<DailyMetric, number>;

/** `GET /api/staff/funnel` (OPERATIONS.md §3). Days are calendar days in Europe/Paris. */
export type Funnel = {
  total: number;
  states: Record<FunnelState | FunnelFlag, number>;
  migratedBy: Record<MigrationPathName, number>;
  daily: FunnelDay[];
  dropOff: { reason: DropOffReason; count: number }[];
  /** YYYY-MM-DD: when 95 % of Espaces will have migrated at the last 14 days' pace; null without pace. */
  projection95: string | null;
  /** When these figures were read (ISO 8601). */
  at: string;
};
