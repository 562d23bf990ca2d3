import {
  connectForgotPasswordRequestSchema,
  connectInspectRequestSchema,
  connectResetPasswordRequestSchema,
} from "@mgen/contracts";
import { Hono } from "hono";
import {
  CONNECT_FORGOT_MESSAGE,
  completeConnectReset,
  inspectConnectReset,
} from "../domain/connect-reset";
import type { DomainContext } from "../domain/context";
import { takeResetRequest } from "../domain/reset-requests";
import { throttleIdentifier } from "../domain/throttling";
import { callerOf } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

/** SPEC journey F: MGEN Connect password reset. */
export function connectRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .post("/connect/forgot-password", jsonBody(connectForgotPasswordRequestSchema), async (c) => {
      const { email } = c.req.valid("json");
      await throttleIdentifier(ctx, "email", email);
      // Answered in the background: the same answer, at the same speed, whatever the address.
      await takeResetRequest(ctx, callerOf(c, ctx), { kind: "connect", email });
      return c.json({ message: CONNECT_FORGOT_MESSAGE }, 202);
    })
    .post("/connect/reset-password/inspect", jsonBody(connectInspectRequestSchema), async (c) => {
      return c.json(await inspectConnectReset(ctx, c.req.valid("json").token));
    })
    .post("/connect/reset-password", jsonBody(connectResetPasswordRequestSchema), async (c) => {
      const { linkedToEspace } = await completeConnectReset(
        ctx,
        callerOf(c, ctx),
        c.req.valid("json"),
      );
      return c.json({ status: "ok" as const, linkedToEspace });
    });
}
