import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { PAGES } from "@mgen/contracts/rules";
import { type Context, Hono } from "hono";
import type { DomainContext } from "./domain/context";
import type { MailCatcher } from "./mail/catcher";
import type { Dispatcher } from "./mail/dispatcher";
import { notFound, onError } from "./middleware/errors";
import { limitBody, requireJson } from "./middleware/json-body";
import { originCheck } from "./middleware/origin";
import { requestLog } from "./middleware/request-log";
import { apiHeaders, securityHeaders } from "./middleware/security-headers";
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
import { staffRoutes } from "./routes/staff";
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

type Surface = "members" | "staff";

/**
 * The API under /api: the members' routes, the staff routes, or both (when the console
 * shares the members' port). The same middleware for all: origin check, JSON bodies,
 * per-client throttling, the member session.
 */
function createApi(ctx: DomainContext, deps: AppDeps, surfaces: readonly Surface[]) {
  const { config } = ctx;
  // The staff port accepts the console's origin only: a page of the members' site (same
  // host, so same site for the cookie) cannot write to it.
  const origins = new Set<string>();
  if (surfaces.includes("members")) {
    origins.add(new URL(config.publicUrl).origin);
    for (const extra of config.extraOrigins) origins.add(extra);
  }
  if (surfaces.includes("staff")) origins.add(new URL(config.staffPublicUrl).origin);
  const api = new Hono<AppEnv>()
    .use(originCheck([...origins]))
    .use(limitBody, requireJson)
    .use(throttle(ctx))
    .use(loadSession(ctx))
    .use(async (c, next) => {
      await next();
      // A transaction queued an email or a request: handle it once this answer has left,
      // never before, so that the answer's timing does not depend on that work (ADR 011).
      if (deps.workQueued()) afterResponse(c, deps.mail.kick);
    });
  if (surfaces.includes("members")) {
    api
      .route("/", sessionRoutes(ctx))
      .route("/", loginRoutes(ctx))
      .route("/", migrationRoutes(ctx))
      .route("/", connectRoutes(ctx))
      .route("/", legacyRoutes(ctx))
      .route("/", memberRoutes())
      .route("/", referenceRoutes(ctx));
    if (config.devRoutes && deps.catcher) api.route("/", devMailboxRoutes(deps.catcher, config));
  }
  if (surfaces.includes("staff")) api.route("/", staffRoutes(ctx));
  api.notFound(notFound);
  api.onError(onError);
  return api;
}

/**
 * Runs `work` once the answer has been handed to the operating system: on
 * @hono/node-server, at the `finish` of the Node response (a `setImmediate` alone could
 * run before the body was written, and its synchronous database work delayed the answer
 * by a millisecond, enough to tell a member's request from another); without a socket
 * (`app.request` in tests), on the next turn of the event loop.
 */
function afterResponse(c: Context<AppEnv>, work: () => void): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || outgoing.writableFinished) {
    setImmediate(work);
    return;
  }
  // `close` too: a client gone before the end never sees `finish` (the dispatcher's poll
  // would find the work anyway, later).
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    setImmediate(work);
  };
  outgoing.once("finish", once);
  outgoing.once("close", once);
}

function shell(ctx: DomainContext, api: Hono<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.use(requestLog(ctx.logger));
  // API answers carry the header set of a JSON API, documents the full set (ADR 024).
  const forApi = apiHeaders(ctx.config);
  const forDocuments = securityHeaders(ctx.config);
  app.use((c, next) => {
    // The mailbox's HTML view sets its own, stricter-still policy (sandboxed, framable by the mailbox page).
    if (MAILBOX_HTML.test(c.req.path)) return next();
    return c.req.path.startsWith("/api/") ? forApi(c, next) : forDocuments(c, next);
  });
  app.route("/api", api);
  app.all("/api/*", notFound);
  return app;
}

/**
 * Builds the BFF: the API under /api and, when built, the members' SPA — and the
 * advisers' console under /console with /api/staff/*, unless STAFF_PORT puts those on
 * their own port (`createStaffApp`). Nothing here listens.
 */
export function createApp(ctx: DomainContext, deps: AppDeps) {
  useFrenchZodMessages();
  const { config } = ctx;
  const withStaff = config.staffPort === null;
  const app = shell(ctx, createApi(ctx, deps, withStaff ? ["members", "staff"] : ["members"]));
  if (withStaff && config.consoleRoot) mountConsole(app, config.consoleRoot);
  else app.all("/console/*", notFound);
  if (config.webRoot) mountSpa(app, config.webRoot);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

/** The console and /api/staff/* alone, for STAFF_PORT: nothing of the members' side. */
export function createStaffApp(ctx: DomainContext, deps: AppDeps) {
  useFrenchZodMessages();
  const app = shell(ctx, createApi(ctx, deps, ["staff"]));
  if (ctx.config.consoleRoot) mountConsole(app, ctx.config.consoleRoot);
  app.get("/", (c) => c.redirect("/console/", 302));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

/** Hashed assets cached for a year. */
function cacheAssets(app: Hono<AppEnv>, path: string): void {
  app.use(path, async (c, next) => {
    await next();
    if (c.res.status === 200)
      c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  });
}

/**
 * Serves the built SPA: hashed assets cached for a year, `/connexion` its prerendered
 * document (`connexion.html`, the sign-in page's HTML in it: ADR 026), every other page
 * index.html.
 */
function mountSpa(app: Hono<AppEnv>, webRoot: string): void {
  const serveDocument = (html: string) => (c: Context<AppEnv>) => {
    c.header("Cache-Control", "no-cache");
    return c.html(html);
  };
  const page = serveDocument(readFileSync(join(webRoot, "index.html"), "utf8"));
  const signIn = join(webRoot, `${PAGES.signIn}.html`);
  // A build made before issue 17 has no such file: the sign-in page is then rendered by the SPA.
  app.get(PAGES.signIn, existsSync(signIn) ? serveDocument(readFileSync(signIn, "utf8")) : page);
  cacheAssets(app, "/assets/*");
  app.get("/", page);
  app.use("*", serveStatic({ root: webRoot }));
  app.get("*", page);
}

/** Serves the console's build under /console (Vite base "/console/"): its own bundle. */
function mountConsole(app: Hono<AppEnv>, consoleRoot: string): void {
  const indexHtml = readFileSync(join(consoleRoot, "index.html"), "utf8");
  const page = (c: Context<AppEnv>) => {
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  };
  cacheAssets(app, "/console/assets/*");
  app.use(
    "/console/assets/*",
    serveStatic({ root: consoleRoot, rewriteRequestPath: (p) => p.replace(/^\/console/, "") }),
  );
  app.all("/console/assets/*", notFound);
  app.get("/console", page);
  app.get("/console/*", page);
}

export type App = ReturnType<typeof createApp>;
