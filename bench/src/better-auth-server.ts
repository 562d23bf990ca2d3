/**
 * Better Auth on better-sqlite3, served by node:http: `tsx better-auth-server.ts <port> <db file>`.
 */
import { createServer } from "node:http";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import Database from "better-sqlite3";

const [portArg, dbPath = ":memory:"] = process.argv.slice(2);
const baseURL = `http://127.0.0.1:${portArg}`;
const sqlite = new Database(dbPath);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
const auth = betterAuth({
  database: sqlite,
  baseURL,
  secret: "bench-only-secret-bench-only-secret-0123456789",
  emailAndPassword: { enabled: true },
  rateLimit: { enabled: false },
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
const server = createServer(toNodeHandler(auth));
server.listen(Number(portArg), "127.0.0.1", () => console.log("better-auth listening"));
for (const s of ["SIGTERM", "SIGINT"] as const)
  process.on(s, () => server.close(() => process.exit(0)));
