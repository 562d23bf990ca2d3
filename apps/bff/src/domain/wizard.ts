import type { MigrationState } from "@mgen/contracts";
import { checkPasswordPolicy } from "@mgen/contracts/password";
import { insertIdentity, lockMember } from "../store/accounts";
import { pendingOf } from "../store/pending";
import type { Session } from "../store/rows";
import { setWizardChoice } from "../store/sessions";
import { findIdentityByEmail } from "./accounts";
import { addressStatus, requireNotTaken } from "./addresses";
import type { Caller, DomainContext } from "./context";
import { AppError } from "./errors";
import { countDropOff, type FunnelFact } from "./funnel";
import { migrateAndSignIn, migrationTransaction, type SignedInMember } from "./migration";
import { dropPending, requestValidation, throttleValidationEmails } from "./pending-validation";
import type { SessionMember } from "./sessions";
import { checkIdentityPassword } from "./sign-in";
import { rationWizardAddress, throttleIdentifier } from "./throttling";

/**
 * The migration wizard (SPEC journeys B and C), for a NIR session: step 1 chooses an
 * address (kept on the session, so a reload never loses it), step 2 creates an MGEN
 * Connect identity or links an existing one. Steps 2 and 3 work on the address chosen at
 * step 1 only: what an address is (taken, linkable, free) is told by step 1, rationed.
 */

export type WizardProgress = Pick<Session, "wizardEmail" | "wizardNext">;
export const NO_PROGRESS: WizardProgress = { wizardEmail: null, wizardNext: null };

/** The wizard's state for a NIR session (also the `migration` state of /api/session). */
export async function migrationState(
  ctx: DomainContext,
  member: SessionMember,
  session: WizardProgress,
): Promise<MigrationState> {
  const pending = await pendingOf(ctx.db, member.id);
  const contactTaken =
    member.contactEmail !== null && (await addressStatus(ctx.db, member.contactEmail)) === "taken";
  const proposedEmail = session.wizardEmail ?? (contactTaken ? null : member.contactEmail);
  const base = {
    state: "migration" as const,
    firstName: member.firstName,
    proposedEmail,
    contactEmailTaken: contactTaken,
  };
  // A pending validation survives sign-out: a new NIR sign-in comes back to it.
  if (pending) return { ...base, step: "pending", pendingEmail: pending.email };
  if (session.wizardEmail && session.wizardNext === "create") return { ...base, step: "security" };
  if (session.wizardEmail && session.wizardNext === "link") return { ...base, step: "link" };
  return { ...base, step: "email" };
}

/** The wizard's refusals the cockpit counts as drop-offs (OPERATIONS.md §3), by error code. */
const DROP_OFFS: Partial<Record<string, Extract<FunnelFact, `drop:${string}`>>> = {
  EMAIL_TAKEN: "drop:email_taken",
};
const LINK_DROP_OFFS: Partial<Record<string, Extract<FunnelFact, `drop:${string}`>>> = {
  ...DROP_OFFS,
  IDENTITY_NOT_VALIDATED: "drop:link_refused_not_validated",
  IDENTITY_LOCKED: "drop:link_refused_locked",
  INVALID_CREDENTIALS: "drop:link_refused_wrong_password",
};

/** Runs a step; a refusal that turns a member back is counted, then thrown. */
async function countingDropOffs<T>(
  ctx: DomainContext,
  memberId: number,
  codes: typeof DROP_OFFS,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const fact = error instanceof AppError ? codes[error.code] : undefined;
    if (fact) await countDropOff(ctx, fact, memberId);
    throw error;
  }
}

/**
 * Step 1: records the chosen address in the session and says what step 2 is. Choosing
 * an address again ("Modifier l'adresse") abandons a pending validation. An Espace may
 * try only so many different addresses an hour (the answers tell about other people's).
 */
export function chooseAddress(
  ctx: DomainContext,
  session: Session,
  email: string,
): Promise<"create" | "link"> {
  return countingDropOffs(ctx, session.memberId, DROP_OFFS, () =>
    migrationTransaction(ctx, async (tx) => {
      await rationWizardAddress(ctx, tx, session.memberId, email);
      const next = (await requireNotTaken(tx, email)) === "identity" ? "link" : "create";
      await dropPending(tx, session.memberId, ctx.now());
      await setWizardChoice(tx, session.idHash, email, next);
      return next;
    }),
  );
}

/** Steps 2 and 3 work on the address chosen at step 1, never on another one. */
function requireChosenAddress(session: Session, email: string, next: "create" | "link"): void {
  if (session.wizardEmail === email && session.wizardNext === next) return;
  throw new AppError("VALIDATION_ERROR", {
    message:
      "Cette adresse n'est pas celle choisie à l'étape 1 : revenez à l'étape 1 pour la choisir.",
    fields: { email: "Revenez à l'étape 1 pour choisir cette adresse." },
  });
}

export type CreateInput = {
  email: string;
  password: string;
  secretQuestionId: string;
  secretAnswer: string;
};

export type Pending = { kind: "pending"; email: string };

/**
 * Step 2 "create", then 3. With the contact email (already known to be the member's),
 * the identity is created validated and the migration completes at once. With another
 * address, a validation link is sent and nothing is migrated until it is opened.
 */
export function createIdentity(
  ctx: DomainContext,
  caller: Caller,
  session: Session,
  member: SessionMember,
  input: CreateInput,
): Promise<({ kind: "member" } & SignedInMember) | Pending> {
  return countingDropOffs(ctx, member.id, DROP_OFFS, () =>
    createIdentityStep(ctx, caller, session, member, input),
  );
}

async function createIdentityStep(
  ctx: DomainContext,
  caller: Caller,
  session: Session,
  member: SessionMember,
  input: CreateInput,
): Promise<({ kind: "member" } & SignedInMember) | Pending> {
  requireChosenAddress(session, input.email, "create");
  if ((await requireNotTaken(ctx.db, input.email)) === "identity") {
    throw new AppError("VALIDATION_ERROR", {
      fields: {
        email:
          "Cette adresse email est déjà associée à un identifiant MGEN Connect : revenez à l'étape 1 pour l'associer à votre Espace personnel.",
      },
    });
  }
  const verdict = checkPasswordPolicy(input.password, {
    firstName: member.firstName,
    lastName: member.lastName,
    birthDate: member.birthDate,
    email: input.email,
  });
  if (!verdict.ok) {
    throw new AppError("WEAK_PASSWORD", { fields: { password: verdict.problems.join(" ") } });
  }
  const isContact = input.email === member.contactEmail;
  if (!isContact) await throttleValidationEmails(ctx, member.id, 0);
  const [passwordHash, secretAnswerHash] = await Promise.all([
    ctx.hasher.hash(input.password),
    ctx.hasher.hash(input.secretAnswer),
  ]);
  const secrets = { passwordHash, secretQuestionId: input.secretQuestionId, secretAnswerHash };

  if (!isContact) {
    await requestValidation(ctx, caller, member, { email: input.email, ...secrets });
    return { kind: "pending", email: input.email };
  }

  return migrationTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const current = await lockMember(tx, member.id);
    if (!current) throw new AppError("UNAUTHENTICATED");
    const identityId = await insertIdentity(tx, {
      email: input.email,
      ...secrets,
      validatedAt: now,
      createdAt: now,
    });
    const done = await migrateAndSignIn(ctx, tx, caller, {
      member: current,
      identityId,
      email: input.email,
      path: "contact_email",
      channel: "nir",
    });
    return { kind: "member" as const, ...done };
  });
}

/**
 * Step 2 "link" (SPEC journey C): the identity's password proves it is the member's.
 * The identity keeps its password; wrong passwords count toward its lock.
 */
export function linkIdentity(
  ctx: DomainContext,
  caller: Caller,
  session: Session,
  member: SessionMember,
  input: { email: string; password: string },
): Promise<SignedInMember> {
  return countingDropOffs(ctx, member.id, LINK_DROP_OFFS, () =>
    linkIdentityStep(ctx, caller, session, member, input),
  );
}

async function linkIdentityStep(
  ctx: DomainContext,
  caller: Caller,
  session: Session,
  member: SessionMember,
  input: { email: string; password: string },
): Promise<SignedInMember> {
  const { email, password } = input;
  requireChosenAddress(session, email, "link");
  await throttleIdentifier(ctx, "email", email);
  const identity = await findIdentityByEmail(ctx, email);
  if (!identity) {
    await ctx.hasher.verifyNothing(password);
    throw new AppError("INVALID_CREDENTIALS", { message: "Mot de passe incorrect." });
  }
  await requireNotTaken(ctx.db, email);
  try {
    await checkIdentityPassword(ctx, caller, identity, password);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_CREDENTIALS") {
      throw new AppError("INVALID_CREDENTIALS", {
        message:
          "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
      });
    }
    throw error;
  }
  return migrationTransaction(ctx, async (tx) => {
    const current = await lockMember(tx, member.id);
    if (!current) throw new AppError("UNAUTHENTICATED");
    await requireNotTaken(tx, email);
    return migrateAndSignIn(ctx, tx, caller, {
      member: current,
      identityId: identity.id,
      email,
      path: "link",
      channel: "email",
    });
  });
}
