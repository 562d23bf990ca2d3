/**
 * `pnpm funnel:check [--repair]`: recounts every counter of the migration cockpit from
 * the data (Espaces by their facts, dated facts by day) in one snapshot, and prints each
 * difference (OPERATIONS.md §3, ADR 022). Exit code 0 when the counters are right, 1 when
 * any differs. `--repair` then sets every counter to its recount, writes to what they
 * count held back meanwhile. Reads the BFF's configuration; may run while it serves.
 */

import { parseArgs } from "node:util";
import { openDatabase, prepareDatabase } from "../db/open";
import { checkCounters, rebuildCounters } from "../domain/funnel";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";

let repair = false;
try {
  repair = parseArgs({ options: { repair: { type: "boolean" } } }).values.repair === true;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage : pnpm funnel:check [--repair]`);
  process.exit(2);
}

const config = exitOnConfigError(loadConfig);
const db = openDatabase(config);
await prepareDatabase(db, async () => {});
const ctx = { db };
const started = performance.now();
const { differences, counters, espaces } = await checkCounters(ctx);
const ms = Math.round(performance.now() - started);
const espacesText = espaces.toLocaleString("fr-FR");
if (differences.length === 0) {
  console.log(
    `Compteurs du pilotage exacts : ${counters} compteurs, ${espacesText} Espaces, vérifiés en ${ms} ms.`,
  );
  await db.close();
  process.exit(0);
}
console.log(
  `${differences.length} compteur(s) du pilotage diffèrent des données (vérifié en ${ms} ms) :`,
);
for (const d of differences) {
  console.log(
    `  ${d.name}${d.day ? ` (${d.day})` : ""} : compté ${d.counted}, attendu ${d.expected}`,
  );
}
if (repair) {
  const rows = await db.transaction((tx) => rebuildCounters(tx));
  const after = await checkCounters(ctx);
  console.log(
    after.differences.length === 0
      ? `Compteurs recalculés depuis les données (${rows} compteurs).`
      : `La réparation n'a pas suffi : ${after.differences.length} différence(s) restent.`,
  );
}
await db.close();
process.exit(1);
