import {
  migrationCancelRequestSchema,
  migrationConfirmRequestSchema,
  migrationCreateRequestSchema,
  migrationEmailRequestSchema,
  migrationLinkRequestSchema,
  migrationResendRequestSchema,
} from "@mgen/contracts";
import { type Context, Hono } from "hono";
import type { DomainContext } from "../domain/context";
import type { SignedInMember } from "../domain/migration";
import {
  CANCELLED_MESSAGE,
  cancelPendingMigration,
  confirmValidation,
  resendValidation,
} from "../domain/pending-validation";
import { chooseAddress, createIdentity, linkIdentity, migrationState } from "../domain/wizard";
import { callerOf, requireMigration } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";
import { keepSignedIn } from "./login";

/** The wizard is over: the browser now holds a member session. */
function signedIn(c: Context<AppEnv>, ctx: DomainContext, done: SignedInMember) {
  keepSignedIn(c, ctx, done);
  return c.json({ state: "member" as const, firstName: done.member.firstName, email: done.email });
}

export function migrationRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .get("/migration", async (c) => {
      const { session, member } = await requireMigration(c, ctx);
      return c.json(await migrationState(ctx, member, session));
    })
    .post("/migration/email", jsonBody(migrationEmailRequestSchema), async (c) => {
      const { session } = await requireMigration(c, ctx);
      const next = await chooseAddress(ctx, session, c.req.valid("json").email);
      return c.json({ next });
    })
    .post("/migration/create", jsonBody(migrationCreateRequestSchema), async (c) => {
      const { session, member } = await requireMigration(c, ctx);
      const done = await createIdentity(
        ctx,
        callerOf(c, ctx),
        session,
        member,
        c.req.valid("json"),
      );
      if (done.kind === "member") return signedIn(c, ctx, done);
      return c.json(await migrationState(ctx, member, session), 202);
    })
    .post("/migration/link", jsonBody(migrationLinkRequestSchema), async (c) => {
      const { session, member } = await requireMigration(c, ctx);
      return signedIn(
        c,
        ctx,
        await linkIdentity(ctx, callerOf(c, ctx), session, member, c.req.valid("json")),
      );
    })
    .post("/migration/resend", jsonBody(migrationResendRequestSchema), async (c) => {
      const { session, member } = await requireMigration(c, ctx);
      await resendValidation(ctx, member);
      return c.json(await migrationState(ctx, member, session), 202);
    })
    .post("/migration/confirm", jsonBody(migrationConfirmRequestSchema), async (c) => {
      // No session needed: the link is opened in any browser.
      const confirmed = await confirmValidation(
        ctx,
        callerOf(c, ctx),
        c.req.valid("json").token,
        c.get("session"),
      );
      if (confirmed.kind === "member") return signedIn(c, ctx, confirmed);
      return c.json({ state: "anonymous" as const, validatedEmail: confirmed.email });
    })
    .post("/migration/cancel", jsonBody(migrationCancelRequestSchema), async (c) => {
      // No session needed: the link was sent to the contact address.
      await cancelPendingMigration(ctx, callerOf(c, ctx), c.req.valid("json").token);
      return c.json({ status: "cancelled" as const, message: CANCELLED_MESSAGE });
    });
}
