/**
 * `pnpm --filter @mgen/bff rehearsal -- --members 20000 --days 30 --db path/app.db [--seed S]`
 *
 * Builds a new SQLite database as a migration rehearsal leaves it (seed/rehearsal.ts):
 * the demo data and staff, `--members` generated Espaces loaded by the real import, then
 * `--days` days of members migrating, up to now. It ends with the cockpit's figures and
 * the recount of its counters (exit code 1 when any counter differs from the data).
 *
 * The configuration is development's for that file (env.ts): the secrets kept in
 * `secrets.json` beside the database (created when missing), which the server reads there
 * too, so that `DATABASE_PATH=path/app.db pnpm start` opens the rehearsal with its NIR
 * hashes and the demo staff's TOTP secret.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DROP_OFF_LABELS, FUNNEL_STATE_LABELS, MIGRATION_PATH_LABELS } from "@mgen/contracts/staff";
import { openDatabase, prepareDatabase } from "../../db/open";
import { loadConfig } from "../../env";
import { DEFAULT_SEED } from "../../import/synthetic";
import { exitOnConfigError } from "../../main-support";
import { rehearse } from "../rehearsal";

const USAGE =
  "Usage : pnpm --filter @mgen/bff rehearsal -- --members 20000 --days 30 --db chemin/app.db [--seed S]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const cleaned = text.replace(/[_\s]/g, "");
  if (!/^\d+$/.test(cleaned) || Number(cleaned) < 1) {
    fail(`--${name} attend un nombre entier positif, pas « ${text} »`);
  }
  return Number(cleaned);
}

// `pnpm --filter … rehearsal -- --members …` hands the `--` over: it is not an argument.
const argv = process.argv.slice(2);
if (argv[0] === "--") argv.shift();
let values: { members?: string; days?: string; db?: string; seed?: string };
try {
  ({ values } = parseArgs({
    args: argv,
    options: {
      members: { type: "string" },
      days: { type: "string" },
      db: { type: "string" },
      seed: { type: "string" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
const members = wholeNumber("members", values.members, 20_000);
const days = wholeNumber("days", values.days, 30);
const seed = wholeNumber("seed", values.seed, DEFAULT_SEED);
if (!values.db) fail("--db est obligatoire : le fichier SQLite à créer.");
// `pnpm --filter` runs this in apps/bff: a relative path is where the user typed it.
const databasePath = resolve(process.env.INIT_CWD ?? process.cwd(), values.db);
// A journal left by an earlier database of that name would be replayed into the new one.
const leftovers = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter(existsSync);
if (leftovers.length > 0) {
  fail(
    `${leftovers.join(", ")} existe déjà : une répétition crée une base neuve (supprimez d'abord ${leftovers.length > 1 ? "ces fichiers" : "ce fichier"}).`,
  );
}

// Development's configuration for that file: its secrets are the ones kept beside it
// (secrets.json, created when missing), as `DATABASE_PATH=… pnpm start` will read them;
// NIR_PEPPER / SESSION_SECRET in the environment win, as for the server.
const config = exitOnConfigError(() =>
  loadConfig({ ...process.env, NODE_ENV: "development", DATABASE_PATH: databasePath }),
);
const db = openDatabase(config);
await prepareDatabase(db, async () => {});

const started = performance.now();
const count = (n: number) => n.toLocaleString("fr-FR");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const share = (n: number, whole: number) =>
  `${((100 * n) / Math.max(1, whole)).toFixed(1).replace(".", ",")} %`;
console.log(
  `Répétition de migration : ${count(members)} Espaces générés, ${days} jours jusqu'à maintenant, graine ${seed}`,
);
const result = await rehearse({ db, config, members, days, seed, log: console.log });
await db.close();
const total = performance.now() - started;

const { funnel, counters, timings, tally } = result;
const TALLY: Array<[string, string]> = [
  ["arrivals", "venus se connecter"],
  ["signed in", "connectés par NIR"],
  ["locks", "bloqués (5 échecs)"],
  ["resets", "mots de passe réinitialisés"],
  ["stopped at step 2", "arrêtés à l'étape 2"],
  ["validation links sent", "liens de validation envoyés"],
  ["migrated: contact_email", "migrés avec l'adresse de contact"],
  ["migrated: other_address", "migrés avec une autre adresse"],
  ["migrated: link", "migrés en associant leur identifiant"],
];
console.log("");
console.log(
  `Adhérents simulés : ${TALLY.map(([key, label]) => `${label} ${count(tally[key] ?? 0)}`).join(", ")}`,
);
console.log("");
console.log("Jour        commencées  migrations  liens envoyés  ouverts  blocages  réinit.");
for (const d of funnel.daily) {
  const cells = [d.started, d.migrated, d.linksSent, d.linksOpened, d.locks, d.resets];
  const widths = [10, 10, 13, 7, 8, 7];
  console.log(`${d.date}  ${cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join("  ")}`);
}
console.log("");
console.log(`Espaces : ${count(funnel.total)}`);
for (const [state, n] of Object.entries(funnel.states)) {
  const label = FUNNEL_STATE_LABELS[state as keyof typeof FUNNEL_STATE_LABELS];
  console.log(`  ${label} : ${count(n)} (${share(n, funnel.total)})`);
}
for (const [path, n] of Object.entries(funnel.migratedBy)) {
  console.log(
    `  migrés — ${MIGRATION_PATH_LABELS[path as keyof typeof MIGRATION_PATH_LABELS]} : ${count(n)}`,
  );
}
for (const { reason, count: n } of funnel.dropOff) {
  console.log(`  décrochage — ${DROP_OFF_LABELS[reason]} : ${count(n)}`);
}
console.log(
  `  95 % des Espaces migrés au rythme des 14 derniers jours : ${funnel.projection95 ?? "pas de rythme"}`,
);
console.log("");
if (counters.differences.length === 0) {
  console.log(
    `Compteurs du pilotage exacts : ${counters.counters} compteurs, ${count(counters.espaces)} Espaces recomptés, aucune différence.`,
  );
} else {
  console.log(`${counters.differences.length} compteur(s) du pilotage diffèrent des données :`);
  for (const d of counters.differences) {
    console.log(
      `  ${d.name}${d.day ? ` (${d.day})` : ""} : compté ${d.counted}, attendu ${d.expected}`,
    );
  }
}
console.log(
  `Durée : ${seconds(total)} (démonstration ${seconds(timings.seed)}, import ${seconds(timings.import)}, ${days} jour${days > 1 ? "s" : ""} ${seconds(timings.simulation)}, recomptage ${seconds(timings.check)})`,
);
console.log(`Base : ${databasePath} (clés dans ${join(dirname(databasePath), "secrets.json")})`);
console.log(`Pour l'ouvrir : DATABASE_PATH=${databasePath} pnpm start`);
process.exit(counters.differences.length === 0 ? 0 : 1);
