import type { SessionState } from "@mgen/contracts";
import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { signOut } from "../domain/sign-in";
import { migrationState } from "../domain/wizard";
import {
  callerOf,
  clearSessionCookie,
  requireMember,
  requireMigration,
} from "../middleware/session";
import type { AppEnv } from "../types";

export function sessionRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .get("/session", async (c) => {
      const session = c.get("session");
      let state: SessionState = { state: "anonymous" };
      try {
        if (session?.kind === "member") {
          const { member, email } = requireMember(c);
          state = { state: "member", firstName: member.firstName, email };
        } else if (session?.kind === "migration") {
          const { member } = await requireMigration(c, ctx);
          state = await migrationState(ctx, member, session);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      return c.json(state);
    })
    .post("/logout", async (c) => {
      const previous = c.get("session");
      if (previous) await signOut(ctx, callerOf(c, ctx), previous);
      clearSessionCookie(c, ctx.config);
      return c.body(null, 204);
    });
}
