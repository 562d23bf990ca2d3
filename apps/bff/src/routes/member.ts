import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { requireMember } from "../middleware/session";
import type { AppEnv } from "../types";
import { memberEmail } from "./session";

export function memberRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>().get("/me", (c) => {
    const { member } = requireMember(c, ctx);
    c.header("Cache-Control", "no-store");
    return c.json({
      firstName: member.firstName,
      lastName: member.lastName,
      email: memberEmail(ctx, member.identityId as number),
      migratedAt: new Date(member.migratedAt as number).toISOString(),
    });
  });
}
