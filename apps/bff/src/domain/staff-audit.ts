import {
  AUDIT_PAGE_DEFAULT,
  type StaffAction,
  type StaffAuditItem,
  type StaffAuditPage,
} from "@mgen/contracts/staff";
import * as store from "../store/staff";
import type { Caller, DomainContext, Tx } from "./context";
import { CSV_BOM, csvLines } from "./csv";

/**
 * The staff audit (OPERATIONS.md §2): each staff sign-in, search and action is one row
 * of `staff_audit`, written in the transaction of what it records (the database refuses
 * UPDATE and DELETE on it), and one JSON log line once that transaction has committed —
 * the `staff.*` security events of SPEC. A row names the staff account and a
 * pseudonymous subject, never a NIR, an address searched for, a password or a code.
 */

export type AuditEntry = {
  staffId: number | null;
  action: StaffAction;
  outcome: string;
  memberId?: number | null;
  reason?: string | null;
  /** A sign-in with an address of no staff account: kept only as a keyed hash. */
  unknownEmail?: string;
};

function subjectOf(ctx: Pick<DomainContext, "keys">, e: AuditEntry): string | null {
  if (e.memberId != null) return `espace:${e.memberId}`;
  if (e.unknownEmail !== undefined) {
    return `inconnu:${ctx.keys.subject.hash(`staff:${e.unknownEmail}`).digest.slice(0, 16)}`;
  }
  return e.staffId === null ? null : `staff:${e.staffId}`;
}

export async function recordAudit(
  ctx: Pick<DomainContext, "keys" | "logger" | "now">,
  tx: Tx,
  caller: Caller,
  e: AuditEntry,
): Promise<void> {
  const at = ctx.now();
  const subject = subjectOf(ctx, e);
  await store.insertAudit(tx, {
    at,
    staffId: e.staffId,
    action: e.action,
    subject,
    memberId: e.memberId ?? null,
    reason: e.reason ?? null,
    outcome: e.outcome,
    requestId: caller.requestId,
  });
  tx.afterCommit(() =>
    ctx.logger.info(
      {
        event: e.action,
        channel: "staff",
        staff: e.staffId,
        subject,
        outcome: e.outcome,
        reqId: caller.requestId,
        client: caller.client,
        at: new Date(at).toISOString(),
      },
      "security event",
    ),
  );
}

export type AuditFilter = { staffEmail?: string; memberId?: number; action?: StaffAction };

function itemOf(line: store.AuditLine): StaffAuditItem {
  return {
    at: new Date(line.at).toISOString(),
    staff:
      line.staffEmail === null
        ? null
        : { email: line.staffEmail, name: line.staffName ?? line.staffEmail },
    action: line.action,
    subject: line.subject,
    reason: line.reason,
    outcome: line.outcome,
  };
}

/** A page of the audit, newest first; `next` is the cursor of the following page. */
export async function readAudit(
  ctx: Pick<DomainContext, "db">,
  filter: AuditFilter,
  limit: number = AUDIT_PAGE_DEFAULT,
  before: number | null = null,
): Promise<StaffAuditPage> {
  const lines = await store.auditPage(ctx.db, filter, limit + 1, before);
  const page = lines.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(itemOf),
    next: lines.length > limit && last ? String(last.id) : null,
  };
}

export const AUDIT_CSV_HEADER = [
  "date",
  "conseiller",
  "nom",
  "action",
  "sujet",
  "motif",
  "résultat",
] as const;

/**
 * The audit as CSV for a spreadsheet (OPERATIONS.md §2): `;`-separated, UTF-8 with a
 * BOM, a header row; cells that a spreadsheet would run as a formula are escaped.
 */
export async function auditCsv(
  ctx: Pick<DomainContext, "db">,
  filter: AuditFilter,
  maxRows = 100_000,
): Promise<string> {
  const rows: string[][] = [];
  let before: number | null = null;
  while (rows.length < maxRows) {
    const lines = await store.auditPage(ctx.db, filter, 1000, before);
    for (const line of lines) {
      const item = itemOf(line);
      rows.push([
        item.at,
        item.staff?.email ?? "",
        item.staff?.name ?? "",
        item.action,
        item.subject ?? "",
        item.reason ?? "",
        item.outcome,
      ]);
    }
    if (lines.length < 1000) break;
    before = (lines.at(-1) as store.AuditLine).id;
  }
  return CSV_BOM + csvLines([AUDIT_CSV_HEADER, ...rows]);
}
