import { Hono } from "hono";
import type { Config } from "../config";
import { AppError } from "../domain/errors";
import type { MailCatcher } from "../mail/catcher";
import { clientAddress, isLoopback } from "../middleware/throttle";
import type { AppEnv } from "../types";

/**
 * The embedded catcher's messages. Mounted only in development, and answering only to
 * clients on this machine: elsewhere the routes do not exist (404).
 */
export function devMailboxRoutes(catcher: MailCatcher, config: Pick<Config, "trustProxy">) {
  return new Hono<AppEnv>()
    .use("/dev/*", async (c, next) => {
      if (!isLoopback(clientAddress(c, config.trustProxy))) throw new AppError("NOT_FOUND");
      await next();
    })
    .get("/dev/mailbox", (c) => {
      return c.json(catcher.list(c.req.query("to")));
    })
    .delete("/dev/mailbox", (c) => {
      catcher.clear();
      return c.body(null, 204);
    })
    .get("/dev/mailbox/:id/html", (c) => {
      const message = catcher.get(c.req.param("id"));
      if (!message) return c.notFound();
      // Shown in a sandboxed frame of the mailbox page: styles allowed, nothing runs.
      c.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
      );
      c.header("X-Frame-Options", "SAMEORIGIN");
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "no-referrer");
      c.header("Cache-Control", "no-store");
      return c.html(message.html || `<pre>${message.text.replaceAll("<", "&lt;")}</pre>`);
    });
}
