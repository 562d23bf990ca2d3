import { type ServerType, serve } from "@hono/node-server";
import nodemailer from "nodemailer";
import pino from "pino";
import type { Config } from "./config";
import { openDatabase, prepareDatabase } from "./db/open";
import { cleanUp } from "./domain/cleanup";
import { createHasher } from "./domain/crypto";
import { rebuildCountersIfMissing } from "./domain/funnel";
import { type MailCatcher, startMailCatcher } from "./mail/catcher";
import { seedDemoData } from "./seed/demo";
import { seedDemoStaff, seedDemoStaffIfNone } from "./seed/staff";
import { wire } from "./wiring";

export type RunningServer = {
  url: string;
  /** The console's own port (STAFF_PORT), when set. */
  staffUrl: string | null;
  catcher: MailCatcher | null;
  close: () => Promise<void>;
};

const CLEANUP_EVERY_MS = 10 * 60_000;

/** Opens the database, mail and HTTP server described by `config`. */
export async function startServer(config: Config): Promise<RunningServer> {
  // Asynchronous: a blocking write per request line halved the throughput of every route
  // (ADR 013). pino flushes what is buffered when the process exits.
  const logger = pino(
    { level: config.logLevel, base: { service: "mgen-connect-bff" } },
    pino.destination({ sync: false }),
  );
  const db = openDatabase(config);
  const hasher = await createHasher(config.argon2, {
    floorMs: config.passwordCheckFloorMs,
    concurrency: config.hashingConcurrency,
  });
  const catcher = config.smtpUrl ? null : await startMailCatcher(config.devSmtpPort);
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({
        host: "127.0.0.1",
        port: catcher?.port,
        secure: false,
        ignoreTLS: true,
      });
  const { ctx, app, staffApp, dispatcher } = wire({
    config,
    db,
    hasher,
    logger,
    transport,
    catcher,
  });
  // Migrated at every start; demo data only in a fresh database, and never in production.
  await prepareDatabase(db, async () => {
    if (config.mode === "production") return;
    await seedDemoData(db, ctx);
    await seedDemoStaff(db, ctx);
    logger.info("fresh database: demo data loaded");
  });
  if (await rebuildCountersIfMissing(ctx)) logger.info("cockpit counters built from the data");
  if (config.mode !== "production" && (await seedDemoStaffIfNone(db, ctx))) {
    logger.info("no staff account: the demo staff accounts loaded");
  }
  dispatcher.start();

  const cleanup = setInterval(() => {
    cleanUp(ctx, Date.now()).then(
      (deleted) => logger.info({ deleted }, "clean-up"),
      (error: unknown) => logger.error({ err: error }, "clean-up failed"),
    );
  }, CLEANUP_EVERY_MS);
  cleanup.unref();

  const listen = (fetch: typeof app.fetch, port: number) =>
    new Promise<ServerType>((resolve) => {
      const s = serve({ fetch, port, hostname: config.host }, () => resolve(s));
    });
  const portOf = (s: ServerType, fallback: number) => {
    const address = s.address();
    return typeof address === "object" && address ? address.port : fallback;
  };
  const server = await listen(app.fetch, config.port);
  const staffServer =
    staffApp && config.staffPort !== null ? await listen(staffApp.fetch, config.staffPort) : null;
  const url = `http://localhost:${portOf(server, config.port)}`;
  const staffUrl = staffServer
    ? `http://localhost:${portOf(staffServer, config.staffPort ?? 0)}`
    : null;
  logger.info(
    {
      url,
      staffUrl,
      publicUrl: config.publicUrl,
      mailCatcherPort: catcher?.port ?? null,
      database: config.databaseUrl ? "postgresql" : config.databasePath,
    },
    "MGEN Connect BFF listening",
  );

  return {
    url,
    staffUrl,
    catcher,
    close: async () => {
      clearInterval(cleanup);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (staffServer) await new Promise<void>((resolve) => staffServer.close(() => resolve()));
      await dispatcher.stop();
      await catcher?.close();
      await db.close();
    },
  };
}
