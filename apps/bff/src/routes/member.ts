import { Hono } from "hono";
import { requireMember } from "../middleware/session";
import type { AppEnv } from "../types";

export function memberRoutes() {
  return new Hono<AppEnv>().get("/me", (c) => {
    const { member, email } = requireMember(c);
    return c.json({
      firstName: member.firstName,
      lastName: member.lastName,
      email,
      migratedAt: new Date(member.migratedAt as number).toISOString(),
    });
  });
}
