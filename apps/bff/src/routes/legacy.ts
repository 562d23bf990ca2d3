import {
  legacyForgotPasswordRequestSchema,
  legacyResetPasswordRequestSchema,
  legacyUnlockRequestSchema,
} from "@mgen/contracts";
import { type Context, Hono } from "hono";
import type { DomainContext } from "../domain/context";
import {
  completeLegacyReset,
  LEGACY_NEUTRAL_MESSAGE,
  LEGACY_RESET_DONE_MESSAGE,
} from "../domain/legacy-reset";
import { takeResetRequest } from "../domain/reset-requests";
import { throttleIdentifier } from "../domain/throttling";
import { callerOf } from "../middleware/session";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

/** SPEC journey D: forgotten password and unlock, before migration. */
export function legacyRoutes(ctx: DomainContext) {
  /** Answered in the background: the same answer, at the same speed, whatever the data. */
  const take = async (
    c: Context<AppEnv>,
    kind: "forgot" | "unlock",
    nir: string,
    birthDate: string,
  ) => {
    await throttleIdentifier(ctx, "nir", nir);
    await takeResetRequest(ctx, callerOf(c, ctx), { kind, nir, birthDate });
    return c.json({ message: LEGACY_NEUTRAL_MESSAGE }, 202);
  };
  return new Hono<AppEnv>()
    .post("/legacy/forgot-password", jsonBody(legacyForgotPasswordRequestSchema), (c) => {
      const { nir, birthDate } = c.req.valid("json");
      return take(c, "forgot", nir, birthDate);
    })
    .post("/legacy/unlock", jsonBody(legacyUnlockRequestSchema), (c) => {
      const { nir, birthDate } = c.req.valid("json");
      return take(c, "unlock", nir, birthDate);
    })
    .post("/legacy/reset-password", jsonBody(legacyResetPasswordRequestSchema), async (c) => {
      const { token, password } = c.req.valid("json");
      await completeLegacyReset(ctx, callerOf(c, ctx), token, password);
      return c.json({ status: "ok" as const, message: LEGACY_RESET_DONE_MESSAGE });
    });
}
