/** `pnpm db:seed`: puts the demo data back in the configured database. */

import { openDatabase, prepareDatabase } from "../db/open";
import { createHasher } from "../domain/crypto";
import { createKeys } from "../domain/keys";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";
import { seedDemoData } from "./demo";
import { seedDemoStaff } from "./staff";

const config = exitOnConfigError(loadConfig);
if (config.mode === "production") {
  console.error(
    "Les données de démonstration effacent tous les comptes : refusé en production (NODE_ENV=development pour un poste de développement).",
  );
  process.exit(1);
}
const db = openDatabase(config);
await prepareDatabase(db, async () => {});
const seeding = {
  hasher: await createHasher(config.argon2, {
    floorMs: config.passwordCheckFloorMs,
    concurrency: config.hashingConcurrency,
  }),
  keys: createKeys(config),
};
await seedDemoData(db, seeding);
await seedDemoStaff(db, seeding);
await db.close();
console.log(
  `Données de démonstration rechargées dans ${config.databaseUrl ? "la base PostgreSQL" : config.databasePath}`,
);
