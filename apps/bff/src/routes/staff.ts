import { zValidator } from "@hono/zod-validator";
import {
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  FUNNEL_DAYS_DEFAULT,
  FUNNEL_DAYS_MAX,
  FUNNEL_STATE_LABELS,
  funnelQuerySchema,
  staffAuditQuerySchema,
  staffContactEmailRequestSchema,
  staffEnrolmentInspectRequestSchema,
  staffEnrolmentRequestSchema,
  staffLoginRequestSchema,
  staffReasonRequestSchema,
  staffSearchQuerySchema,
  staffTotpRequestSchema,
  stuckQuerySchema,
} from "@mgen/contracts/staff";
import { Hono } from "hono";
import type { z } from "zod";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { readFunnel, stuckCsv } from "../domain/funnel";
import { auditCsv, readAudit, recordAudit } from "../domain/staff-audit";
import {
  closeStaffSession,
  completeEnrolment,
  inspectEnrolment,
  staffCodeStep,
  staffPasswordStep,
} from "../domain/staff-auth";
import {
  cancelPendingFor,
  correctContactEmail,
  endSessions,
  memberPage,
  resendValidationLink,
  searchMembers,
  sendResetLink,
  unlockMember,
} from "../domain/staff-members";
import { callerOf } from "../middleware/session";
import {
  clearStaffCookie,
  loadStaffSession,
  requireStaff,
  setStaffCookie,
} from "../middleware/staff-session";
import { fieldsOf, jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

/** Validates the query string with a contracts schema; failures are VALIDATION_ERROR. */
function query<T extends z.core.$ZodType>(schema: T) {
  return zValidator("query", schema, (result) => {
    if (!result.success) {
      throw new AppError("VALIDATION_ERROR", { fields: fieldsOf(result.error) });
    }
  });
}

function memberId(raw: string): number {
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new AppError("NOT_FOUND", { message: "Cet adhérent n'existe pas." });
  }
  return id;
}

/** The staff API of OPERATIONS.md §2, under /api/staff. */
export function staffRoutes(ctx: DomainContext) {
  const reason = jsonBody(staffReasonRequestSchema);
  return (
    new Hono<AppEnv>()
      .use("/staff/*", loadStaffSession(ctx))
      // ------------------------------------------------------------ signing in
      .post("/staff/login", jsonBody(staffLoginRequestSchema), async (c) => {
        const { email, password } = c.req.valid("json");
        const token = await staffPasswordStep(ctx, callerOf(c, ctx), email, password);
        setStaffCookie(c, ctx.config, token);
        return c.json({ mfa: "totp" as const });
      })
      .post("/staff/login/totp", jsonBody(staffTotpRequestSchema), async (c) => {
        const { code } = c.req.valid("json");
        const signedIn = await staffCodeStep(ctx, callerOf(c, ctx), c.get("staffView"), code);
        setStaffCookie(c, ctx.config, signedIn.token);
        return c.json({ name: signedIn.name, role: signedIn.role });
      })
      .post("/staff/enrolment/inspect", jsonBody(staffEnrolmentInspectRequestSchema), async (c) => {
        c.header("Referrer-Policy", "no-referrer");
        return c.json(await inspectEnrolment(ctx, c.req.valid("json").token));
      })
      .post("/staff/enrolment", jsonBody(staffEnrolmentRequestSchema), async (c) => {
        await completeEnrolment(ctx, callerOf(c, ctx), c.req.valid("json"));
        return c.json({ status: "ok" as const });
      })
      .post("/staff/logout", async (c) => {
        const { session } = requireStaff(c);
        await closeStaffSession(ctx.db, session.idHash);
        clearStaffCookie(c, ctx.config);
        return c.body(null, 204);
      })
      .get("/staff/session", (c) => {
        const { staff } = requireStaff(c);
        return c.json({ email: staff.email, name: staff.name, role: staff.role });
      })
      // ------------------------------------------------------------ members
      .get("/staff/members", query(staffSearchQuerySchema), async (c) => {
        const { staff } = requireStaff(c);
        const { q } = c.req.valid("query");
        return c.json(await searchMembers(ctx, callerOf(c, ctx), staff, q));
      })
      // The same search with the words in the body: the console's way, so that a NIR or an
      // address typed by an adviser never sits in a URL a proxy or a log could keep.
      .post("/staff/members/search", jsonBody(staffSearchQuerySchema), async (c) => {
        const { staff } = requireStaff(c);
        const { q } = c.req.valid("json");
        return c.json(await searchMembers(ctx, callerOf(c, ctx), staff, q));
      })
      .get("/staff/members/:id", async (c) => {
        requireStaff(c);
        return c.json(await memberPage(ctx, memberId(c.req.param("id"))));
      })
      .post("/staff/members/:id/unlock", reason, async (c) => {
        const { staff } = requireStaff(c);
        const id = memberId(c.req.param("id"));
        const done = await unlockMember(
          ctx,
          callerOf(c, ctx),
          staff,
          id,
          c.req.valid("json").reason,
        );
        return c.json(done);
      })
      .post("/staff/members/:id/send-reset", reason, async (c) => {
        const { staff } = requireStaff(c);
        const id = memberId(c.req.param("id"));
        const sent = await sendResetLink(
          ctx,
          callerOf(c, ctx),
          staff,
          id,
          c.req.valid("json").reason,
        );
        return c.json(sent, 202);
      })
      .post("/staff/members/:id/resend-validation", reason, async (c) => {
        const { staff } = requireStaff(c);
        const id = memberId(c.req.param("id"));
        await resendValidationLink(ctx, callerOf(c, ctx), staff, id, c.req.valid("json").reason);
        return c.json({ status: "ok" as const }, 202);
      })
      .post("/staff/members/:id/cancel-pending", reason, async (c) => {
        const { staff } = requireStaff(c);
        const id = memberId(c.req.param("id"));
        await cancelPendingFor(ctx, callerOf(c, ctx), staff, id, c.req.valid("json").reason);
        return c.json({ status: "ok" as const });
      })
      .post(
        "/staff/members/:id/contact-email",
        jsonBody(staffContactEmailRequestSchema),
        async (c) => {
          const { staff } = requireStaff(c, "superviseur");
          const id = memberId(c.req.param("id"));
          const { email, reason: why } = c.req.valid("json");
          await correctContactEmail(ctx, callerOf(c, ctx), staff, id, email, why);
          return c.json({ status: "ok" as const });
        },
      )
      .post("/staff/members/:id/end-sessions", reason, async (c) => {
        const { staff } = requireStaff(c);
        const id = memberId(c.req.param("id"));
        return c.json(
          await endSessions(ctx, callerOf(c, ctx), staff, id, c.req.valid("json").reason),
        );
      })
      // ------------------------------------------------------------ audit
      .get("/staff/audit", query(staffAuditQuerySchema), async (c) => {
        const { staff } = requireStaff(c, "superviseur");
        const q = c.req.valid("query");
        const filter = {
          ...(q.staff !== undefined ? { staffEmail: q.staff } : {}),
          ...(q.member !== undefined ? { memberId: q.member } : {}),
          ...(q.action !== undefined ? { action: q.action } : {}),
        };
        if (q.format === "csv") {
          const csv = await auditCsv(ctx, filter);
          await ctx.db.transaction((tx) =>
            recordAudit(ctx, tx, callerOf(c, ctx), {
              staffId: staff.id,
              action: "staff.export",
              outcome: "journal exporté",
              ...(q.member !== undefined ? { memberId: q.member } : {}),
            }),
          );
          return c.body(csv, 200, {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="journal-conseillers.csv"',
          });
        }
        const limit = Math.min(Math.max(q.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);
        return c.json(
          await readAudit(ctx, filter, limit, q.before === undefined ? null : Number(q.before)),
        );
      })
      // ------------------------------------------------------------ cockpit (OPERATIONS.md §3)
      .get("/staff/funnel", query(funnelQuerySchema), async (c) => {
        requireStaff(c, "superviseur");
        const days = c.req.valid("query").days ?? FUNNEL_DAYS_DEFAULT;
        if (days < 1 || days > FUNNEL_DAYS_MAX) {
          throw new AppError("VALIDATION_ERROR", {
            fields: { days: `Indiquez un nombre de jours entre 1 et ${FUNNEL_DAYS_MAX}.` },
          });
        }
        return c.json(await readFunnel(ctx, days));
      })
      .get("/staff/funnel/stuck.csv", query(stuckQuerySchema), async (c) => {
        const { staff } = requireStaff(c, "superviseur");
        const { state } = c.req.valid("query");
        // Written before the first byte: an export cut short is still on the record.
        await ctx.db.transaction((tx) =>
          recordAudit(ctx, tx, callerOf(c, ctx), {
            staffId: staff.id,
            action: "staff.export",
            outcome: `liste exportée : ${FUNNEL_STATE_LABELS[state]}`,
          }),
        );
        const chunks = stuckCsv(ctx, state);
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          },
          async cancel() {
            await chunks.return(undefined);
          },
        });
        return c.body(body, 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="adherents-${state}.csv"`,
        });
      })
  );
}
