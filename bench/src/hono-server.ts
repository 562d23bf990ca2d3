/**
 * The framework's own ceilings for figure 1, on the BFF's stack (Hono on @hono/node-server)
 * answering the same JSON with no cookie and no database:
 * - `bare`: no middleware at all;
 * - `headers`: the app's own security headers and request log line (pino, same settings),
 *   which every answer of the app carries.
 * Run as its own process: `tsx hono-server.ts <port> <json> <bare|headers>`.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pino from "pino";
import { requestLog } from "../../apps/bff/src/middleware/request-log";
import { securityHeaders } from "../../apps/bff/src/middleware/security-headers";
import type { AppEnv } from "../../apps/bff/src/types";

const [portArg, json = "{}", mode = "bare"] = process.argv.slice(2);
const body = JSON.parse(json) as object;
const app = new Hono<AppEnv>();
if (mode === "headers") {
  // The app's logger as server.ts builds it: asynchronous, to stdout (read by the bench).
  const logger = pino({ level: "info" }, pino.destination({ sync: false }));
  app.use(requestLog(logger), securityHeaders({ mode: "development" }));
}
app.get("/api/session", (c) => {
  c.header("Cache-Control", "no-store");
  return c.json(body);
});
const server = serve({ fetch: app.fetch, port: Number(portArg), hostname: "127.0.0.1" }, () =>
  console.log("hono listening"),
);
for (const s of ["SIGTERM", "SIGINT"] as const)
  process.on(s, () => server.close(() => process.exit(0)));
