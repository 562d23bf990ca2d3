import { SECRET_QUESTIONS } from "@mgen/contracts";
import { Hono } from "hono";
import type { DomainContext } from "../domain/context";
import { AppError } from "../domain/errors";
import { ping } from "../store/cleanup";
import type { AppEnv } from "../types";

export function referenceRoutes(ctx: DomainContext) {
  return new Hono<AppEnv>()
    .get("/secret-questions", (c) => {
      c.header("Cache-Control", "public, max-age=3600");
      return c.json(SECRET_QUESTIONS.map(({ id, label }) => ({ id, label })));
    })
    .get("/health", async (c) => {
      try {
        await ping(ctx.db);
      } catch (error) {
        ctx.logger.error({ err: error }, "health check: database does not answer");
        throw new AppError("UNAVAILABLE");
      }
      return c.json({ status: "ok" as const });
    });
}
