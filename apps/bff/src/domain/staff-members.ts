import {
  emailMessage,
  nirMessage,
  normalizeEmail,
  normalizeNir,
  parseBirthDate,
  searchableName,
} from "@mgen/contracts/rules";
import type {
  StaffAction,
  StaffMemberPage,
  StaffMemberState,
  StaffMemberSummary,
} from "@mgen/contracts/staff";
import { contactEmailChangedEmail, unlockedByAdviserEmail } from "../mail/templates";
import { lockIdentity, lockMember } from "../store/accounts";
import { pendingOf } from "../store/pending";
import { deleteMemberSessions } from "../store/sessions";
import type { StaffSessionView } from "../store/staff";
import * as store from "../store/staff";
import {
  findMemberByNir,
  getIdentity,
  getMember,
  identityAccount,
  memberAccount,
} from "./accounts";
import { sendConnectResetLink } from "./connect-reset";
import type { Caller, DomainContext, Tx } from "./context";
import { credentialsChanged } from "./credentials";
import { AppError } from "./errors";
import { trackMember } from "./funnel";
import { sendLegacyResetLink } from "./legacy-reset";
import { unlockAccount } from "./locks";
import { queueEmail } from "./outbox";
import { cancelPending, resendValidation } from "./pending-validation";
import { recordEvent } from "./security-events";
import { recordAudit } from "./staff-audit";

/**
 * What advisers do for a member (OPERATIONS.md §2): find them, read their page and the
 * timeline of their security events, and act — each action through the same domain
 * function as the member's own journey (the same unlock, credential epoch, notice and
 * event, channel `staff`), in one transaction with its audit row. No function here
 * reads, shows or sets a password, or opens a member's session.
 */

export type Staff = StaffSessionView["staff"];

const TIMELINE_LIMIT = 200;

/** "2900811" → "2 90 08 •• ••• ••• 11": the first five characters and the key, never more. */
export function maskNir(visible: string | null): string {
  if (visible === null || visible.length !== 7) return "•••••••••••••••";
  return `${visible[0]} ${visible.slice(1, 3)} ${visible.slice(3, 5)} •• ••• ••• ${visible.slice(5)}`;
}

function stateOf(r: store.StaffMemberRow): StaffMemberState {
  if (r.identityId !== null) return r.identityLockedAt !== null ? "locked" : "migrated";
  if (r.lockedAt !== null) return "locked";
  if (!r.hasPassword) return "no_password";
  if (r.pendingEmail !== null) return "validation_pending";
  if (r.inWizard) return "wizard_started";
  return "not_started";
}

function summaryOf(r: store.StaffMemberRow): StaffMemberSummary {
  return {
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    birthDate: r.birthDate,
    nirMasked: maskNir(r.nirVisible),
    state: stateOf(r),
    identifier: r.identityEmail,
  };
}

type Query = { kind: "nir" | "email" | "name"; ids: () => Promise<number[]> };

/** A NIR (exact, by its keyed hash), an address (exact), or a name prefix with an optional birth date. */
function understand(ctx: DomainContext, q: string): Query {
  if (nirMessage(q) === null) {
    return {
      kind: "nir",
      ids: async () => {
        const member = await findMemberByNir(ctx, normalizeNir(q));
        return member ? [member.id] : [];
      },
    };
  }
  if (q.includes("@")) {
    if (emailMessage(q) !== null) {
      throw new AppError("VALIDATION_ERROR", {
        fields: { q: "Cette adresse email n'est pas complète : vérifiez-la." },
      });
    }
    return {
      kind: "email",
      ids: async () => (await store.membersByAddress(ctx.db, normalizeEmail(q))).map((r) => r.id),
    };
  }
  const date = /(\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2})/.exec(q);
  const birthDate = date ? parseBirthDate(date[1] as string) : null;
  if (date && birthDate === null) {
    throw new AppError("VALIDATION_ERROR", {
      fields: {
        q: "Cette date de naissance n'existe pas : saisissez-la sous la forme JJ/MM/AAAA.",
      },
    });
  }
  const name = searchableName(date ? q.replace(date[0], " ") : q);
  if (name.length < 2) {
    throw new AppError("VALIDATION_ERROR", {
      fields: { q: "Saisissez un NIR, une adresse email, ou au moins 2 lettres du nom." },
    });
  }
  return {
    kind: "name",
    ids: async () => (await store.membersByNamePrefix(ctx.db, name, birthDate)).map((r) => r.id),
  };
}

/** The search field: at most 50 Espaces; the search is audited, never its words. */
export async function searchMembers(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  q: string,
): Promise<StaffMemberSummary[]> {
  const query = understand(ctx, q);
  const ids = await query.ids();
  const rows = await store.staffMemberRows(ctx.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [summaryOf(row)] : [];
  });
  await ctx.db.transaction((tx) =>
    recordAudit(ctx, tx, caller, {
      staffId: staff.id,
      action: "staff.search",
      outcome: `${query.kind} : ${found.length} résultat${found.length > 1 ? "s" : ""}`,
    }),
  );
  return found;
}

/** A member's page: identity, contact, state, identifier, dates, locks, pending, timeline. */
export async function memberPage(ctx: DomainContext, id: number): Promise<StaffMemberPage> {
  const [row] = await store.staffMemberRows(ctx.db, [id]);
  if (!row) throw new AppError("NOT_FOUND", { message: "Cet adhérent n'existe pas." });
  const timeline = await store.timelineOf(ctx.db, id, row.identityId, TIMELINE_LIMIT);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...summaryOf(row),
    contactEmail: row.contactEmail,
    createdAt: iso(row.createdAt),
    migratedAt: row.migratedAt === null ? null : iso(row.migratedAt),
    espaceLocked: row.lockedAt !== null,
    identityLocked: row.identityId === null ? null : row.identityLockedAt !== null,
    pending:
      row.pendingEmail === null
        ? null
        : { email: row.pendingEmail, since: iso(row.pendingSince as number) },
    timeline: timeline.map((e) => ({ at: iso(e.at), event: e.event, channel: e.channel })),
  };
}

/**
 * Runs an adviser's action on Espace `memberId` and writes its audit row in the same
 * transaction; a refusal (an AppError) is audited too, with its code, then answered.
 */
async function act<T>(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  action: StaffAction,
  reason: string,
  work: (record: (tx: Tx, outcome: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  if (!(await getMember(ctx, memberId))) {
    throw new AppError("NOT_FOUND", { message: "Cet adhérent n'existe pas." });
  }
  const record = (tx: Tx, outcome: string) =>
    recordAudit(ctx, tx, caller, { staffId: staff.id, action, memberId, reason, outcome });
  try {
    return await work(record);
  } catch (error) {
    if (error instanceof AppError) {
      await ctx.db.transaction((tx) => record(tx, `refusé : ${error.code}`));
    }
    throw error;
  }
}

/** Lifts the lock of the Espace and of its identity; the member is told by email. */
export function unlockMember(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  reason: string,
): Promise<{ espace: boolean; identity: boolean }> {
  return act(ctx, caller, staff, memberId, "staff.unlock", reason, (record) =>
    ctx.db.transaction(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (!member) throw new AppError("NOT_FOUND");
      const identity =
        member.identityId === null ? undefined : await lockIdentity(tx, member.identityId);
      const espace = await unlockAccount(tx, memberAccount(member.id));
      if (espace) {
        await recordEvent(ctx, tx, caller, {
          event: "account.unlocked",
          channel: "staff",
          memberId,
        });
      }
      const identityUnlocked = identity
        ? await unlockAccount(tx, identityAccount(identity.id))
        : false;
      if (identityUnlocked && identity) {
        await recordEvent(ctx, tx, caller, {
          event: "account.unlocked",
          channel: "staff",
          identityId: identity.id,
        });
      }
      if (!espace && !identityUnlocked) throw new AppError("NOT_LOCKED");
      await credentialsChanged(ctx, tx, caller, {
        memberId,
        identityId: identityUnlocked && identity ? identity.id : null,
        channel: "staff",
      });
      const to = identity?.email ?? member.contactEmail;
      if (to) {
        await queueEmail(
          ctx,
          tx,
          unlockedByAdviserEmail({
            to,
            firstName: member.firstName,
            publicUrl: ctx.config.publicUrl,
          }),
        );
      }
      await record(
        tx,
        espace && identityUnlocked
          ? "espace et identifiant débloqués"
          : espace
            ? "espace débloqué"
            : "identifiant débloqué",
      );
      return { espace, identity: identityUnlocked };
    }),
  );
}

/** A reset link to the address on file: the Espace's (legacy) or, once migrated, the identity's. */
export function sendResetLink(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  reason: string,
): Promise<{ to: "contact" | "identifier" }> {
  return act(ctx, caller, staff, memberId, "staff.send_reset", reason, (record) =>
    ctx.db.transaction(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (!member) throw new AppError("NOT_FOUND");
      const tooSoon = () =>
        new AppError("RATE_LIMITED", {
          message:
            "Un lien vient d'être envoyé à cet adhérent : attendez une minute avant d'en renvoyer un.",
          headers: { "Retry-After": "60" },
        });
      if (member.identityId !== null) {
        const identity = await getIdentity(ctx, member.identityId, tx);
        if (!identity) throw new AppError("NO_ADDRESS");
        if (!(await sendConnectResetLink(ctx, tx, caller, identity, "requested", "staff")))
          throw tooSoon();
        await record(tx, "lien MGEN Connect envoyé");
        return { to: "identifier" as const };
      }
      const contactEmail = member.contactEmail;
      if (!contactEmail) throw new AppError("NO_ADDRESS");
      const sent = await sendLegacyResetLink(
        ctx,
        tx,
        caller,
        { id: member.id, firstName: member.firstName, contactEmail },
        "forgot",
        "staff",
      );
      if (!sent) throw tooSoon();
      await record(tx, "lien de réinitialisation envoyé");
      return { to: "contact" as const };
    }),
  );
}

/** A new validation link for the pending migration (the member's own "Renvoyer l'email"). */
export function resendValidationLink(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  reason: string,
): Promise<void> {
  return act(ctx, caller, staff, memberId, "staff.resend_validation", reason, async (record) => {
    const member = await getMember(ctx, memberId);
    if (!member || member.identityId !== null || !(await pendingOf(ctx.db, memberId))) {
      throw new AppError("NOTHING_PENDING");
    }
    await resendValidation(ctx, member, {
      also: (tx) => record(tx, "lien de validation renvoyé"),
      minGapMs: 0,
    });
  });
}

/** Cancels the pending migration (the cancel link's way). */
export function cancelPendingFor(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  reason: string,
): Promise<void> {
  return act(ctx, caller, staff, memberId, "staff.cancel_pending", reason, (record) =>
    ctx.db.transaction(async (tx) => {
      await lockMember(tx, memberId);
      if (!(await pendingOf(tx, memberId))) throw new AppError("NOTHING_PENDING");
      await cancelPending(ctx, tx, caller, memberId, "staff");
      await record(tx, "migration en attente annulée");
    }),
  );
}

/**
 * Corrects the contact address (superviseurs): the old address is told, and as a change
 * of where reset links go, it is a change of credential (links and sessions voided).
 */
export function correctContactEmail(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  email: string,
  reason: string,
): Promise<void> {
  if (staff.role !== "superviseur") throw new AppError("FORBIDDEN");
  return act(ctx, caller, staff, memberId, "staff.contact_email", reason, (record) =>
    ctx.db.transaction(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (!member) throw new AppError("NOT_FOUND");
      const old = member.contactEmail;
      if (old === email) {
        throw new AppError("VALIDATION_ERROR", {
          fields: { email: "C'est déjà l'adresse de contact de cet adhérent." },
        });
      }
      await trackMember(tx, memberId, () => store.updateContactEmail(tx, memberId, email));
      await credentialsChanged(ctx, tx, caller, { memberId, channel: "staff" });
      if (old) {
        await queueEmail(
          ctx,
          tx,
          contactEmailChangedEmail({ to: old, firstName: member.firstName, newEmail: email }),
        );
      }
      await record(tx, "adresse de contact corrigée");
    }),
  );
}

/** Ends every session of the member (a stolen phone, a shared computer). */
export function endSessions(
  ctx: DomainContext,
  caller: Caller,
  staff: Staff,
  memberId: number,
  reason: string,
): Promise<{ ended: number }> {
  return act(ctx, caller, staff, memberId, "staff.end_sessions", reason, (record) =>
    ctx.db.transaction(async (tx) => {
      await lockMember(tx, memberId);
      const ended = await deleteMemberSessions(tx, memberId);
      if (ended > 0) {
        await recordEvent(ctx, tx, caller, { event: "session.ended", channel: "staff", memberId });
      }
      await record(tx, `${ended} session${ended > 1 ? "s" : ""} fermée${ended > 1 ? "s" : ""}`);
      return { ended };
    }),
  );
}
