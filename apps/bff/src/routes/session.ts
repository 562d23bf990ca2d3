import type { SessionState } from "@mgen/contracts";
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { preparedOnce } from "../db/client";
import { identities } from "../db/schema";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { migrationState } from "../domain/migration";
import { closeSession } from "../domain/sessions";
import { clearSessionCookie, requireMember, requireMigration } from "../middleware/session";
import type { AppEnv } from "../types";

const emailOfIdentity = preparedOnce((db) =>
  db
    .select({ email: identities.email })
    .from(identities)
    .where(eq(identities.id, sql.placeholder("identityId")))
    .prepare(),
);

export function memberEmail(ctx: DomainContext, identityId: number): string {
  const identity = emailOfIdentity(ctx.db).get({ identityId });
  if (!identity) throw new AppError("UNAUTHENTICATED");
  return identity.email;
}

export function sessionRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .get("/session", (c) => {
      const session = c.var.session;
      let state: SessionState = { state: "anonymous" };
      try {
        if (session?.kind === "member") {
          const { member } = requireMember(c, ctx);
          state = {
            state: "member",
            firstName: member.firstName,
            email: memberEmail(ctx, member.identityId as number),
          };
        } else if (session?.kind === "migration") {
          const { member } = requireMigration(c, ctx);
          state = migrationState(ctx, member, session);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      c.header("Cache-Control", "no-store");
      return c.json(state);
    })
    .post("/logout", (c) => {
      if (c.var.session) closeSession(ctx.db, c.var.session.idHash);
      clearSessionCookie(c, ctx.config);
      return c.body(null, 204);
    });
}
