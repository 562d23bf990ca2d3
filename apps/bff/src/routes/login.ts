import { loginEmailRequestSchema, loginNirRequestSchema } from "@mgen/contracts";
import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { migrationState, NO_PROGRESS } from "../domain/migration";
import { closeSession, openSession } from "../domain/sessions";
import { signInWithEmail, signInWithNir } from "../domain/sign-in";
import { setSessionCookie } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

export function loginRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .post("/login/nir", jsonBody(loginNirRequestSchema), async (c) => {
      const { nir, password } = c.req.valid("json");
      const member = await signInWithNir(ctx, nir, password);
      // Every sign-in gets a new session id; the previous one of this browser ends.
      const previous = c.get("session");
      if (previous) closeSession(ctx.db, previous.idHash);
      const token = openSession(
        ctx.db,
        ctx.config.sessionSecret,
        "migration",
        member.id,
        ctx.now(),
      );
      setSessionCookie(c, ctx.config, token);
      return c.json(migrationState(ctx, member, NO_PROGRESS));
    })
    .post("/login/email", jsonBody(loginEmailRequestSchema), async (c) => {
      const { email, password } = c.req.valid("json");
      const { identity, member } = await signInWithEmail(ctx, email, password);
      const previous = c.get("session");
      if (previous) closeSession(ctx.db, previous.idHash);
      const token = openSession(ctx.db, ctx.config.sessionSecret, "member", member.id, ctx.now());
      setSessionCookie(c, ctx.config, token);
      return c.json({
        state: "member" as const,
        firstName: member.firstName,
        email: identity.email,
      });
    });
}
