import type { MigrationState } from "@mgen/contracts";
import { checkPasswordPolicy } from "@mgen/contracts/password";
import { and, eq, isNull } from "drizzle-orm";
import {
  identities,
  linkTokens,
  type Member,
  members,
  pendingMigrations,
  type Session,
  sessions,
} from "../db/schema";
import { enqueueEmail } from "../mail/outbox";
import { migrationConfirmedEmail } from "../mail/templates";
import { type DomainContext, isUniqueViolation } from "./context";
import { AppError } from "./errors";
import { openSession } from "./sessions";

/**
 * The migration wizard (SPEC journey B): the Espace chooses an address, then either
 * creates an MGEN Connect identity or links an existing one. Completing it is one
 * transaction (invariant 2), and the unique constraints decide any race (invariant 1).
 */

/** What an address is today: another Espace's identifier, an unlinked identity, or free. */
export type AddressStatus = "taken" | "identity" | "free";

export function addressStatus(ctx: DomainContext, email: string): AddressStatus {
  const row = ctx.db
    .select({ id: identities.id, linkedTo: members.id })
    .from(identities)
    .leftJoin(members, eq(members.identityId, identities.id))
    .where(eq(identities.email, email))
    .get();
  if (!row) return "free";
  return row.linkedTo === null ? "identity" : "taken";
}

export function getMember(ctx: DomainContext, memberId: number): Member | undefined {
  return ctx.db.select().from(members).where(eq(members.id, memberId)).get();
}

export type WizardProgress = Pick<Session, "wizardEmail" | "wizardNext">;
export const NO_PROGRESS: WizardProgress = { wizardEmail: null, wizardNext: null };

/** The wizard's state for a NIR session (also the `migration` state of /api/session). */
export function migrationState(
  ctx: DomainContext,
  member: Member,
  session: WizardProgress,
): MigrationState {
  const pending = ctx.db
    .select({ email: pendingMigrations.email })
    .from(pendingMigrations)
    .where(eq(pendingMigrations.memberId, member.id))
    .get();
  const contactTaken =
    member.contactEmail !== null && addressStatus(ctx, member.contactEmail) === "taken";
  const proposedEmail = session.wizardEmail ?? (contactTaken ? null : member.contactEmail);
  const base = {
    state: "migration" as const,
    firstName: member.firstName,
    proposedEmail,
    contactEmailTaken: contactTaken,
  };
  if (pending) return { ...base, step: "pending", pendingEmail: pending.email };
  if (session.wizardEmail && session.wizardNext === "create") return { ...base, step: "security" };
  if (session.wizardEmail && session.wizardNext === "link") return { ...base, step: "link" };
  return { ...base, step: "email" };
}

/** Step 1: records the chosen address in the session and says what step 2 is. */
export function chooseAddress(
  ctx: DomainContext,
  session: Session,
  email: string,
): "create" | "link" {
  const status = addressStatus(ctx, email);
  if (status === "taken") {
    throw new AppError("EMAIL_TAKEN", {
      fields: {
        email:
          "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
      },
    });
  }
  const next = status === "identity" ? "link" : "create";
  ctx.db
    .update(sessions)
    .set({ wizardEmail: email, wizardNext: next })
    .where(eq(sessions.idHash, session.idHash))
    .run();
  return next;
}

export type CreateInput = {
  email: string;
  password: string;
  secretQuestionId: string;
  secretAnswer: string;
};

export type Completed = { sessionToken: string; member: Member; email: string };

/**
 * Step 2 "create" then 3: a new MGEN Connect identity for the Espace. With the contact
 * email (already known to be the member's), the identity is created validated and the
 * migration completes at once.
 */
export async function createIdentity(
  ctx: DomainContext,
  member: Member,
  input: CreateInput,
): Promise<Completed> {
  const status = addressStatus(ctx, input.email);
  if (status === "taken") throw new AppError("EMAIL_TAKEN");
  if (status === "identity") {
    throw new AppError("VALIDATION_ERROR", {
      fields: {
        email:
          "Cette adresse email est déjà associée à un identifiant MGEN Connect : revenez à l'étape 1 pour l'associer à votre Espace personnel.",
      },
    });
  }
  if (input.email !== member.contactEmail) {
    // The validation-link path (SPEC B step 3, "different address") is its own issue.
    throw new AppError("VALIDATION_ERROR", {
      fields: {
        email: `Pour le moment, seule votre adresse de contact (${member.contactEmail ?? "aucune"}) peut devenir votre identifiant.`,
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
  const [passwordHash, secretAnswerHash] = await Promise.all([
    ctx.hasher.hash(input.password),
    ctx.hasher.hash(input.secretAnswer),
  ]);
  const now = ctx.now();
  try {
    return ctx.db.transaction(
      (tx) => {
        const identity = tx
          .insert(identities)
          .values({
            email: input.email,
            passwordHash,
            secretQuestionId: input.secretQuestionId,
            secretAnswerHash,
            validatedAt: now,
            createdAt: now,
          })
          .returning({ id: identities.id })
          .get();
        const migrated = tx
          .update(members)
          .set({ identityId: identity.id, migratedAt: now, failedAttempts: 0, lockedAt: null })
          .where(and(eq(members.id, member.id), isNull(members.identityId)))
          .returning()
          .get();
        // Migrated meanwhile (another tab, another browser): the wizard is over.
        if (!migrated) throw new AppError("UNAUTHENTICATED");
        tx.delete(pendingMigrations).where(eq(pendingMigrations.memberId, member.id)).run();
        tx.update(linkTokens)
          .set({ voidedAt: now })
          .where(
            and(
              eq(linkTokens.memberId, member.id),
              isNull(linkTokens.usedAt),
              isNull(linkTokens.voidedAt),
            ),
          )
          .run();
        // A new session id for the new privilege; the wizard's session ends with it.
        tx.delete(sessions).where(eq(sessions.memberId, member.id)).run();
        const sessionToken = openSession(tx, ctx.config.sessionSecret, "member", member.id, now);
        enqueueEmail(
          tx,
          migrationConfirmedEmail({
            to: input.email,
            firstName: member.firstName,
            publicUrl: ctx.config.publicUrl,
          }),
          now,
        );
        return { sessionToken, member: migrated, email: input.email };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN");
    throw error;
  }
}
