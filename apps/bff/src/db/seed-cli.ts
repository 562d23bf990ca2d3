/** `pnpm db:seed`: puts the demo data back in the configured database. */

import { createHasher } from "../domain/crypto";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";
import { migrateDatabase, openDatabase } from "./client";
import { seedDemoData } from "./seed";

const config = exitOnConfigError(loadConfig);
const database = openDatabase(config.databasePath);
migrateDatabase(database);
await seedDemoData(database, {
  hasher: await createHasher(config.argon2),
  nirPepper: config.nirPepper,
});
database.close();
console.log(`Données de démonstration rechargées dans ${config.databasePath}`);
