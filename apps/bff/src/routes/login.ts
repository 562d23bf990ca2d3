import { loginEmailRequestSchema, loginNirRequestSchema } from "@mgen/contracts";
import { type Context, Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { type SignedIn, signInWithEmail, signInWithNir } from "../domain/sign-in";
import { migrationState, NO_PROGRESS } from "../domain/wizard";
import { callerOf, setDeviceCookie, setSessionCookie } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

/** The browser now holds the new session and its device cookie. */
export function keepSignedIn(
  c: Context<AppEnv>,
  ctx: DomainContext,
  signedIn: Pick<SignedIn, "sessionToken" | "deviceToken">,
): void {
  setSessionCookie(c, ctx.config, signedIn.sessionToken);
  setDeviceCookie(c, ctx, signedIn.deviceToken);
}

export function loginRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .post("/login/nir", jsonBody(loginNirRequestSchema), async (c) => {
      const { nir, password } = c.req.valid("json");
      const previousSession = c.get("session")?.idHash ?? null;
      const signedIn = await signInWithNir(ctx, callerOf(c, ctx), {
        nir,
        password,
        previousSession,
      });
      keepSignedIn(c, ctx, signedIn);
      return c.json(await migrationState(ctx, signedIn.member, NO_PROGRESS));
    })
    .post("/login/email", jsonBody(loginEmailRequestSchema), async (c) => {
      const { email, password } = c.req.valid("json");
      const previousSession = c.get("session")?.idHash ?? null;
      const signedIn = await signInWithEmail(ctx, callerOf(c, ctx), {
        email,
        password,
        previousSession,
      });
      keepSignedIn(c, ctx, signedIn);
      return c.json({
        state: "member" as const,
        firstName: signedIn.member.firstName,
        email: signedIn.email,
      });
    });
}
