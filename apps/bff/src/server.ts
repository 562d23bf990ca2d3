import { type ServerType, serve } from "@hono/node-server";
import nodemailer from "nodemailer";
import pino from "pino";
import type { Config } from "./config";
import { migrateDatabase, openDatabase } from "./db/client";
import { isEmpty, seedDemoData } from "./db/seed";
import { cleanUp } from "./domain/cleanup";
import { createHasher } from "./domain/crypto";
import { type MailCatcher, startMailCatcher } from "./mail/catcher";
import { wire } from "./wiring";

export type RunningServer = {
  url: string;
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
  const database = openDatabase(config.databasePath);
  migrateDatabase(database);
  const hasher = await createHasher(config.argon2);
  const catcher = config.smtpUrl ? null : await startMailCatcher(config.devSmtpPort);
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({
        host: "127.0.0.1",
        port: catcher?.port,
        secure: false,
        ignoreTLS: true,
      });
  const { ctx, app, dispatcher } = wire({ config, database, hasher, logger, transport, catcher });
  // Demo data only in development (or test) and only in a fresh database.
  if (config.mode !== "production" && isEmpty(database)) {
    await seedDemoData(database, ctx);
    logger.info("fresh database: demo data loaded");
  }
  dispatcher.start();

  const cleanup = setInterval(() => {
    try {
      logger.info({ deleted: cleanUp(database.db, Date.now()) }, "clean-up");
    } catch (error) {
      logger.error({ err: error }, "clean-up failed");
    }
  }, CLEANUP_EVERY_MS);
  cleanup.unref();

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info(
    {
      url,
      publicUrl: config.publicUrl,
      mailCatcherPort: catcher?.port ?? null,
      database: config.databasePath,
    },
    "MGEN Connect BFF listening",
  );

  return {
    url,
    catcher,
    close: async () => {
      clearInterval(cleanup);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.stop();
      await catcher?.close();
      database.close();
    },
  };
}
