/**
 * The framework's own ceilings for figure 1, on the BFF's stack (Hono on @hono/node-server)
 * answering the same JSON with no cookie and no database:
 * - `bare`: no middleware at all;
 * - `log`: the app's request log line alone (pino, same settings): its cost per request;
 * - `headers`: the documents' full set of security headers and the request log line,
 *   which every API answer carried before issue 17;
 * - `api`: the API answers' own header set (`apiHeaders`) and the request log line.
 * Run as its own process: `tsx hono-server.ts <port> <json> <bare|log|headers|api>`.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pino from "pino";
import { requestLog } from "../../apps/bff/src/middleware/request-log";
import { apiHeaders, securityHeaders } from "../../apps/bff/src/middleware/security-headers";
import type { AppEnv } from "../../apps/bff/src/types";

const [portArg, json = "{}", mode = "bare"] = process.argv.slice(2);
const body = JSON.parse(json) as object;
const app = new Hono<AppEnv>();
if (mode !== "bare") {
  // The app's logger as server.ts builds it: asynchronous, to stdout (read by the bench).
  const logger = pino({ level: "info" }, pino.destination({ sync: false }));
  app.use(requestLog(logger));
  if (mode === "headers") app.use(securityHeaders({ mode: "development" }));
  if (mode === "api") app.use(apiHeaders({ mode: "development" }));
}
app.get("/api/session", (c) => {
  if (mode !== "api") c.header("Cache-Control", "no-store");
  return c.json(body);
});
const server = serve({ fetch: app.fetch, port: Number(portArg), hostname: "127.0.0.1" }, () =>
  console.log("hono listening"),
);
for (const s of ["SIGTERM", "SIGINT"] as const)
  process.on(s, () => server.close(() => process.exit(0)));
