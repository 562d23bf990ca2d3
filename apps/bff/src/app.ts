import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import type { DomainContext } from "./domain/context";
import type { MailCatcher } from "./mail/catcher";
import type { Dispatcher } from "./mail/dispatcher";
import { notFound, onError } from "./middleware/errors";
import { limitBody, requireJson } from "./middleware/json-body";
import { originCheck } from "./middleware/origin";
import { requestLog } from "./middleware/request-log";
import { securityHeaders } from "./middleware/security-headers";
import { loadSession } from "./middleware/session";
import { throttle } from "./middleware/throttle";
import { connectRoutes } from "./routes/connect";
import { devMailboxRoutes } from "./routes/dev-mailbox";
import { legacyRoutes } from "./routes/legacy";
import { loginRoutes } from "./routes/login";
import { memberRoutes } from "./routes/member";
import { migrationRoutes } from "./routes/migration";
import { referenceRoutes } from "./routes/reference";
import { sessionRoutes } from "./routes/session";
import type { AppEnv } from "./types";
import { useFrenchZodMessages } from "./zod-locale";

export type AppDeps = {
  /** Wakes the outbox dispatcher after a transaction that enqueued an email. */
  mail: Pick<Dispatcher, "kick">;
  /** Whether a transaction queued background work since the last call (and forgets it). */
  workQueued: () => boolean;
  /** The embedded mail catcher, when there is one (development, tests). */
  catcher?: MailCatcher | null;
};

const MAILBOX_HTML = /^\/api\/dev\/mailbox\/[^/]+\/html$/;

/** Builds the BFF: the API under /api and, when built, the SPA. Nothing here listens. */
export function createApp(ctx: DomainContext, deps: AppDeps) {
  useFrenchZodMessages();
  const { config } = ctx;

  const api = new Hono<AppEnv>()
    .use(originCheck([new URL(config.publicUrl).origin, ...config.extraOrigins]))
    .use(limitBody, requireJson)
    .use(throttle(ctx))
    .use(loadSession(ctx))
    .use(async (_c, next) => {
      await next();
      // A transaction queued an email or a request: handle it once this answer is on its
      // way (setImmediate runs after the response is handed to the socket), never before
      // it, so that the answer's timing does not depend on that work (ADR 011).
      if (deps.workQueued()) setImmediate(deps.mail.kick);
    })
    .route("/", sessionRoutes(ctx))
    .route("/", loginRoutes(ctx))
    .route("/", migrationRoutes(ctx))
    .route("/", connectRoutes(ctx))
    .route("/", legacyRoutes(ctx))
    .route("/", memberRoutes())
    .route("/", referenceRoutes(ctx));
  if (config.devRoutes && deps.catcher) api.route("/", devMailboxRoutes(deps.catcher, config));
  api.notFound(notFound);
  api.onError(onError);

  const app = new Hono<AppEnv>();
  app.use(requestLog(ctx.logger));
  const headers = securityHeaders(config);
  // The mailbox's HTML view sets its own, stricter-still policy (sandboxed, framable by the mailbox page).
  app.use((c, next) => (MAILBOX_HTML.test(c.req.path) ? next() : headers(c, next)));
  app.route("/api", api);
  app.all("/api/*", notFound);

  if (config.webRoot) mountSpa(app, config.webRoot);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

/** Serves the built SPA: hashed assets cached for a year, every other page gets index.html. */
function mountSpa(app: Hono<AppEnv>, webRoot: string): void {
  const indexHtml = readFileSync(join(webRoot, "index.html"), "utf8");
  const page = (c: Context<AppEnv>) => {
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  };
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200)
      c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.get("/", page);
  app.use("*", serveStatic({ root: webRoot }));
  app.get("*", page);
}

export type App = ReturnType<typeof createApp>;
