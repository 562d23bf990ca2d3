import { migrationCreateRequestSchema, migrationEmailRequestSchema } from "@mgen/contracts";
import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { chooseAddress, createIdentity, migrationState } from "../domain/migration";
import type { Dispatcher } from "../mail/dispatcher";
import { requireMigration, setSessionCookie } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

export function migrationRoutes(ctx: DomainContext, mail: Pick<Dispatcher, "kick">) {
  return new Hono<AppEnv>()
    .get("/migration", (c) => {
      const { session, member } = requireMigration(c, ctx);
      c.header("Cache-Control", "no-store");
      return c.json(migrationState(ctx, member, session));
    })
    .post("/migration/email", jsonBody(migrationEmailRequestSchema), (c) => {
      const { session } = requireMigration(c, ctx);
      const next = chooseAddress(ctx, session, c.req.valid("json").email);
      return c.json({ next });
    })
    .post("/migration/create", jsonBody(migrationCreateRequestSchema), async (c) => {
      const { member } = requireMigration(c, ctx);
      const done = await createIdentity(ctx, member, c.req.valid("json"));
      mail.kick();
      setSessionCookie(c, ctx.config, done.sessionToken);
      return c.json({
        state: "member" as const,
        firstName: done.member.firstName,
        email: done.email,
      });
    });
}
