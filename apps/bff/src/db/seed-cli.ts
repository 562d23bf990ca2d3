/** `pnpm db:seed`: puts the demo data back in the configured database. */

import { createHasher } from "../domain/crypto";
import { createKeys } from "../domain/keys";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";
import { migrateDatabase, openDatabase } from "./client";
import { seedDemoData } from "./seed";

const config = exitOnConfigError(loadConfig);
if (config.mode === "production") {
  console.error(
    "Les données de démonstration effacent tous les comptes : refusé en production (NODE_ENV=development pour un poste de développement).",
  );
  process.exit(1);
}
const database = openDatabase(config.databasePath);
migrateDatabase(database);
await seedDemoData(database, {
  hasher: await createHasher(config.argon2),
  keys: createKeys(config),
});
database.close();
console.log(`Données de démonstration rechargées dans ${config.databasePath}`);
