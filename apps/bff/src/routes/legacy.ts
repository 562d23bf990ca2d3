import {
  legacyForgotPasswordRequestSchema,
  legacyResetPasswordRequestSchema,
  legacyUnlockRequestSchema,
} from "@mgen/contracts";
import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import {
  completeLegacyReset,
  LEGACY_NEUTRAL_MESSAGE,
  LEGACY_RESET_DONE_MESSAGE,
  takeLegacyRequest,
} from "../domain/legacy";
import { jsonBody } from "../middleware/validate";
import type { AppEnv } from "../types";

/** SPEC journey D: forgotten password and unlock, before migration. */
export function legacyRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .post("/legacy/forgot-password", jsonBody(legacyForgotPasswordRequestSchema), (c) => {
      const { nir, birthDate } = c.req.valid("json");
      takeLegacyRequest(ctx, "forgot", nir, birthDate);
      return c.json({ message: LEGACY_NEUTRAL_MESSAGE }, 202);
    })
    .post("/legacy/unlock", jsonBody(legacyUnlockRequestSchema), (c) => {
      const { nir, birthDate } = c.req.valid("json");
      takeLegacyRequest(ctx, "unlock", nir, birthDate);
      return c.json({ message: LEGACY_NEUTRAL_MESSAGE }, 202);
    })
    .post("/legacy/reset-password", jsonBody(legacyResetPasswordRequestSchema), async (c) => {
      const { token, password } = c.req.valid("json");
      await completeLegacyReset(ctx, token, password);
      return c.json({ status: "ok" as const, message: LEGACY_RESET_DONE_MESSAGE });
    });
}
