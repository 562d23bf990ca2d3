import { mkdir, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  buildHashPools,
  createExport,
  DEFAULT_SEED,
  defaultBadRows,
  manifestJson,
  NIR_CAPACITY,
  planExport,
  writeChunks,
} from "./synthetic";

/**
 * `pnpm generate:legacy --members N --out dir/ [--seed S] [--bad-rows K]`
 *
 * Writes a synthetic legacy export (OPERATIONS.md §1) into `dir/`: `espaces.csv` (exactly
 * N valid Espaces plus K bad rows of each kind, scattered), `identities.csv` (about one
 * identity per 5 members, plus K bad rows of each kind) and `manifest.json` (what an
 * import of them must find). The same N and seed give the same bytes. It streams: memory
 * does not grow with N.
 */

const USAGE = `Usage: pnpm generate:legacy --members N --out dir/ [--seed S] [--bad-rows K]

  --members N   valid Espaces to write (1 to ${NIR_CAPACITY - 7 * 300} with the default bad rows)
  --out dir     where to write espaces.csv, identities.csv, manifest.json (created if missing)
  --seed S      PRNG seed, 0 to 4294967295 (default ${DEFAULT_SEED})
  --bad-rows K  bad rows of each kind in each file (default: espaces ${defaultBadRows(0).espaces},
                identities ${defaultBadRows(0).identities}, more for large N, at most 300)`;

function fail(message: string): never {
  process.stderr.write(`generate:legacy: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.replace(/[_\s]/g, "");
  if (!/^\d+$/.test(cleaned)) fail(`--${name} expects a whole number, not "${text}"`);
  return Number(cleaned);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  let values: {
    members?: string;
    out?: string;
    seed?: string;
    "bad-rows"?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        members: { type: "string" },
        out: { type: "string" },
        seed: { type: "string" },
        "bad-rows": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const members = wholeNumber("members", values.members);
  if (members === undefined) fail("--members is required");
  if (values.out === undefined || values.out === "") fail("--out is required");

  let plan: ReturnType<typeof planExport>;
  try {
    plan = planExport(members, {
      seed: wholeNumber("seed", values.seed),
      badRows: wholeNumber("bad-rows", values["bad-rows"]),
    });
  } catch (error) {
    fail((error as Error).message);
  }

  // `pnpm --filter` runs this in apps/bff: a relative --out is where the user typed it.
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  await mkdir(out, { recursive: true });

  const started = performance.now();
  process.stdout.write(
    `generate:legacy: ${plan.members} members, seed ${plan.seed}, bad rows of each kind: ` +
      `espaces ${plan.badRows.espaces}, identities ${plan.badRows.identities}\n`,
  );

  const pools = await buildHashPools(plan.seed);
  process.stdout.write(`  hash pools computed (${seconds(started)})\n`);

  const generated = createExport(plan, pools);
  const ticker = setInterval(() => {
    const { espaces, identities } = generated.progress();
    process.stdout.write(
      `  … ${espaces} Espace rows, ${identities} identity rows (${seconds(started)})\n`,
    );
  }, 10_000);
  ticker.unref();

  const files: Array<{ name: string; chunks: () => Iterable<string> }> = [
    { name: "espaces.csv", chunks: generated.espaces },
    { name: "identities.csv", chunks: generated.identities },
  ];
  try {
    for (const file of files) {
      const path = join(out, file.name);
      await writeChunks(path, file.chunks());
      const { size } = await stat(path);
      process.stdout.write(`  ${path}  ${megabytes(size)}  (${seconds(started)})\n`);
    }
  } finally {
    clearInterval(ticker);
  }

  const manifest = generated.manifest();
  const manifestPath = join(out, "manifest.json");
  await writeFile(manifestPath, manifestJson(manifest));
  process.stdout.write(`  ${manifestPath}\n`);

  const e = manifest.espaces;
  const i = manifest.identities;
  process.stdout.write(
    [
      `espaces.csv: ${e.valid} valid + ${e.rejected} bad (${Object.entries(e.bad)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
      `  without contact email ${e.withoutContactEmail}, locked ${e.locked}, hashes: ${Object.entries(
        e.hashFormats,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      `identities.csv: ${i.valid} valid + ${i.rejected} bad (${Object.entries(i.bad)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
      `  at a member's contact email ${i.atMemberContactEmail}, at no Espace ${i.atNoEspace}, not validated ${i.notValidated}, locked ${i.locked}`,
      `passwords: Espaces "${manifest.passwords.espaces}", identities "${manifest.passwords.identities}"`,
      `done in ${seconds(started)}`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate:legacy: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
