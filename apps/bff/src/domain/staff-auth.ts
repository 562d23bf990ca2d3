import { checkPasswordPolicy } from "@mgen/contracts/password";
import type { StaffRole } from "@mgen/contracts/staff";
import * as OTPAuth from "otpauth";
import type { StaffSessionStage } from "../db/vocabulary";
import type { StaffAccount } from "../store/rows";
import * as store from "../store/staff";
import type { Caller, DomainContext, Executor } from "./context";
import { AppError } from "./errors";
import { newSecretToken } from "./keys";
import { recordAudit } from "./staff-audit";

/**
 * Staff authentication (OPERATIONS.md §2): accounts created by command with a one-time
 * enrolment link; a password (argon2id) and a TOTP code (RFC 6238: SHA-1, 30 s, 6
 * digits, the step before or after accepted, each step once); 5 consecutive failures,
 * passwords and codes alike, lock the account until it is unlocked by command. Sessions
 * are their own (table, cookie, keys): 15 minutes idle, 8 hours in all, a new id at each
 * step. Nothing here can read, show or set a member's password.
 */

export const STAFF_MAX_FAILURES = 5;
/** The demo staff accounts' TOTP secret (OPERATIONS.md §2), the default of `pnpm staff:code`. */
export const DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
export const ENROLMENT_TTL_MS = 24 * 3_600_000;
export const STAFF_SESSION_LIMITS: Record<
  StaffSessionStage,
  { idleMs: number; absoluteMs: number }
> = {
  /** Between the password and the code: long enough to open the authenticator app. */
  password: { idleMs: 5 * 60_000, absoluteMs: 5 * 60_000 },
  full: { idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 },
};
const TOUCH_EVERY_MS = 30_000;
const TOTP_PERIOD_S = 30;
const ISSUER = "MGEN Connect Console";

function totpOf(secretBase32: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The time step a code matches (the current one, or the one before or after), or null. */
export function matchingStep(secretBase32: string, code: string, now: number): number | null {
  const delta = totpOf(secretBase32, "").validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD_S) + delta;
}

/** The code of the current step (the demo's command line, the tests). */
export function currentCode(secretBase32: string, now: number): string {
  return totpOf(secretBase32, "").generate({ timestamp: now });
}

function enrolmentUrl(ctx: Pick<DomainContext, "config">, token: string): string {
  return `${ctx.config.staffPublicUrl}/console/enrolement#token=${token}`;
}

/**
 * `pnpm staff:create`: a new account, or a new enrolment for an existing one (its
 * password and TOTP secret go: a lost phone). The enrolment link is returned, never stored.
 */
export async function createStaff(
  ctx: Pick<DomainContext, "db" | "keys" | "now" | "config">,
  input: { email: string; name: string; role: StaffRole; secret?: string; renew?: boolean },
): Promise<{ id: number; url: string; token: string }> {
  const secret = input.secret ?? new OTPAuth.Secret({ size: 20 }).base32;
  const token = newSecretToken();
  const now = ctx.now();
  const sealed = {
    totpSealed: ctx.keys.staffTotp.seal(secret),
    enrolmentHash: ctx.keys.staffEnrolment.hash(token).digest,
    enrolmentExpiresAt: now + ENROLMENT_TTL_MS,
  };
  const id = await ctx.db.transaction(async (tx) => {
    const existing = await store.staffByEmail(tx, input.email);
    if (existing) {
      if (!input.renew) throw new AppError("EMAIL_TAKEN", { message: "Ce compte existe déjà." });
      await store.renewEnrolment(tx, existing.id, sealed);
      await store.deleteStaffSessionsOf(tx, existing.id);
      return existing.id;
    }
    return store.insertStaff(tx, { ...input, ...sealed, createdAt: now });
  });
  return { id, url: enrolmentUrl(ctx, token), token };
}

function secretOf(ctx: Pick<DomainContext, "keys">, staff: StaffAccount): string {
  const secret = ctx.keys.staffTotp.open(staff.totpSealed);
  // A secret sealed under a key no longer configured: the account must enrol again.
  if (secret === null) throw new AppError("TOKEN_INVALID");
  return secret;
}

async function enrolling(ctx: DomainContext, token: string): Promise<StaffAccount> {
  for (const { digest } of ctx.keys.staffEnrolment.candidates(token)) {
    const staff = await store.staffByEnrolment(ctx.db, digest, ctx.now());
    if (staff) return staff;
  }
  throw new AppError("TOKEN_INVALID", {
    message:
      "Ce lien d'enrôlement n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau à un superviseur.",
  });
}

/** What the enrolment page shows: who, and the TOTP secret as a QR code and as text. */
export async function inspectEnrolment(ctx: DomainContext, token: string) {
  const staff = await enrolling(ctx, token);
  const secret = secretOf(ctx, staff);
  return {
    email: staff.email,
    name: staff.name,
    otpauthUri: totpOf(secret, staff.email).toString(),
    secret,
  };
}

/** Sets the password and proves the authenticator with one code; the link is spent. */
export async function completeEnrolment(
  ctx: DomainContext,
  caller: Caller,
  input: { token: string; password: string; code: string },
): Promise<void> {
  const staff = await enrolling(ctx, input.token);
  const [first = "", ...rest] = staff.name.split(" ");
  const verdict = checkPasswordPolicy(input.password, {
    firstName: first,
    lastName: rest.join(" "),
    email: staff.email,
  });
  if (!verdict.ok) {
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });
  }
  const step = matchingStep(secretOf(ctx, staff), input.code, ctx.now());
  if (step === null) {
    throw new AppError("INVALID_CREDENTIALS", {
      message:
        "Ce code de vérification ne correspond pas : vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.",
      fields: { code: "Code incorrect." },
    });
  }
  const passwordHash = await ctx.hasher.hash(input.password);
  const enrolmentHash = staff.enrolmentHash as string;
  await ctx.db.transaction(async (tx) => {
    if (
      !(await store.completeEnrolment(tx, staff.id, enrolmentHash, passwordHash, step, ctx.now()))
    )
      throw new AppError("TOKEN_INVALID");
    await recordAudit(ctx, tx, caller, {
      staffId: staff.id,
      action: "staff.login",
      outcome: "enrolment",
    });
  });
}

const LOCKED_MESSAGE =
  "Ce compte est bloqué après 5 erreurs. Demandez à un superviseur de le débloquer.";

/**
 * The password step. Whatever the outcome, the answer takes as long (an unknown address
 * spends a decoy check); a right password opens only a `password` session, which the
 * code step replaces. The count of failures starts again only once both factors passed.
 */
export async function staffPasswordStep(
  ctx: DomainContext,
  caller: Caller,
  email: string,
  password: string,
): Promise<string> {
  const staff = await store.staffByEmail(ctx.db, email);
  if (!staff?.passwordHash) {
    await ctx.hasher.verifyNothing(password);
    await ctx.db.transaction((tx) =>
      recordAudit(ctx, tx, caller, {
        staffId: staff?.id ?? null,
        unknownEmail: staff ? undefined : email,
        action: "staff.login",
        outcome: "refused",
      }),
    );
    throw new AppError("INVALID_CREDENTIALS");
  }
  const count = await store.reserveStaffAttempt(ctx.db, staff.id, STAFF_MAX_FAILURES);
  if (count === undefined) {
    await ctx.db.transaction((tx) =>
      recordAudit(ctx, tx, caller, { staffId: staff.id, action: "staff.login", outcome: "locked" }),
    );
    throw new AppError("ACCOUNT_LOCKED", { message: LOCKED_MESSAGE });
  }
  if (!(await ctx.hasher.verify(staff.passwordHash, password))) {
    await failed(ctx, caller, staff.id, count, "refused");
  }
  return ctx.db.transaction(async (tx) => {
    // Only failures count: the count starts again once the code is right too.
    await store.releaseStaffAttempt(tx, staff.id);
    await recordAudit(ctx, tx, caller, {
      staffId: staff.id,
      action: "staff.login",
      outcome: "password",
    });
    return openStaffSession(ctx, tx, staff.id, "password");
  });
}

/** A failure counted by `count`: at the fifth the account locks. Always throws. */
async function failed(
  ctx: DomainContext,
  caller: Caller,
  staffId: number,
  count: number,
  outcome: string,
): Promise<never> {
  const locks = count >= STAFF_MAX_FAILURES;
  await ctx.db.transaction(async (tx) => {
    if (locks) await store.lockStaff(tx, staffId, ctx.now());
    await recordAudit(ctx, tx, caller, {
      staffId,
      action: "staff.login",
      outcome: locks ? "locked" : outcome,
    });
  });
  if (locks) throw new AppError("ACCOUNT_LOCKED", { message: LOCKED_MESSAGE });
  throw new AppError("INVALID_CREDENTIALS", {
    ...(outcome === "code_refused"
      ? { message: "Code de vérification incorrect.", fields: { code: "Code incorrect." } }
      : {}),
  });
}

/** The code step: a new full session (a new id) replaces the password one. */
export async function staffCodeStep(
  ctx: DomainContext,
  caller: Caller,
  view: store.StaffSessionView | null,
  code: string,
): Promise<{ token: string; name: string; role: StaffRole }> {
  if (view?.session.stage !== "password") throw new AppError("UNAUTHENTICATED");
  const staff = await store.staffById(ctx.db, view.staff.id);
  if (!staff) throw new AppError("UNAUTHENTICATED");
  const count = await store.reserveStaffAttempt(ctx.db, staff.id, STAFF_MAX_FAILURES);
  if (count === undefined) throw new AppError("ACCOUNT_LOCKED", { message: LOCKED_MESSAGE });
  const step = matchingStep(secretOf(ctx, staff), code, ctx.now());
  const token = await ctx.db.transaction(async (tx) => {
    // Each step's code once: a code seen over a shoulder, or replayed, is refused.
    if (step === null || !(await store.acceptTotpStep(tx, staff.id, step))) return null;
    await store.resetStaffAttempts(tx, staff.id);
    await store.deleteStaffSession(tx, view.session.idHash);
    await recordAudit(ctx, tx, caller, {
      staffId: staff.id,
      action: "staff.login",
      outcome: "success",
    });
    return openStaffSession(ctx, tx, staff.id, "full");
  });
  if (token === null) return failed(ctx, caller, staff.id, count, "code_refused");
  return { token, name: staff.name, role: staff.role };
}

async function openStaffSession(
  ctx: Pick<DomainContext, "keys" | "now">,
  x: Executor,
  staffId: number,
  stage: StaffSessionStage,
): Promise<string> {
  const token = newSecretToken();
  const { keyId, digest } = ctx.keys.staffSessionId.hash(token);
  const now = ctx.now();
  await store.insertStaffSession(x, {
    idHash: digest,
    keyId,
    staffId,
    stage,
    now,
    expiresAt: now + STAFF_SESSION_LIMITS[stage].absoluteMs,
  });
  return token;
}

/** The live staff session of a cookie, or null; expired ones are deleted on sight. */
export async function findStaffSession(
  ctx: Pick<DomainContext, "db" | "keys">,
  token: string,
  now: number,
): Promise<store.StaffSessionView | null> {
  for (const { digest } of ctx.keys.staffSessionId.candidates(token)) {
    const view = await store.staffSessionView(ctx.db, digest);
    if (!view) continue;
    const { session } = view;
    const limits = STAFF_SESSION_LIMITS[session.stage];
    if (now >= session.expiresAt || now - session.lastSeenAt >= limits.idleMs) {
      await store.deleteStaffSession(ctx.db, session.idHash);
      return null;
    }
    // A lock ends what the account had open.
    if (view.staff.lockedAt !== null) return null;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      await store.touchStaffSession(ctx.db, session.idHash, now);
      return { ...view, session: { ...session, lastSeenAt: now } };
    }
    return view;
  }
  return null;
}

export const closeStaffSession = store.deleteStaffSession;

/** `pnpm staff:unlock`: the count and the lock go. */
export async function unlockStaffAccount(
  ctx: Pick<DomainContext, "db">,
  email: string,
): Promise<boolean> {
  const staff = await store.staffByEmail(ctx.db, email);
  if (!staff) throw new AppError("NOT_FOUND", { message: "Aucun compte avec cette adresse." });
  return store.unlockStaff(ctx.db, staff.id);
}

export function deleteExpiredStaffSessions(x: Executor, now: number): Promise<number> {
  return store.deleteExpiredStaffSessions(x, now, STAFF_SESSION_LIMITS.full.idleMs);
}
