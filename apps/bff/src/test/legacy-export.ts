import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createExport,
  csvField,
  ESPACE_COLUMNS,
  type EspaceHashFormat,
  type EspaceRow,
  espaceRow,
  type HashPools,
  type Manifest,
  planExport,
} from "../import/synthetic";

/**
 * Synthetic legacy exports for tests, written by the generator of `pnpm generate:legacy`
 * (import/synthetic.ts): the same files an operator would rehearse with.
 */

export type WrittenExport = {
  espaces: string;
  identities: string;
  manifest: Manifest;
  plan: ReturnType<typeof planExport>;
};

export function writeExport(dir: string, members: number, pools: HashPools): WrittenExport {
  const plan = planExport(members);
  const exported = createExport(plan, pools);
  const espaces = join(dir, "espaces.csv");
  const identities = join(dir, "identities.csv");
  writeFileSync(espaces, [...exported.espaces()].join(""));
  writeFileSync(identities, [...exported.identities()].join(""));
  return { espaces, identities, manifest: exported.manifest(), plan };
}

/**
 * The first valid Espace of the export with a hash of `format`: no failed attempt in the
 * export, or locked when asked.
 */
export function espaceWith(
  written: WrittenExport,
  pools: HashPools,
  format: EspaceHashFormat,
  options: { locked?: boolean } = {},
): EspaceRow {
  for (let i = 0; i < written.plan.members; i++) {
    const row = espaceRow(written.plan.seed, i, pools);
    const wanted = options.locked ? row.locked : row.traits.failedAttemptsEmpty;
    if (row.hashFormat === format && wanted) return row;
  }
  throw new Error(`no Espace with a ${format} hash in this export`);
}

/** A `;`-separated espaces.csv of the given field lists (ESPACE_COLUMNS order). */
export function writeEspaces(path: string, rows: string[][]): string {
  const text = [
    ESPACE_COLUMNS.join(";"),
    ...rows.map((fields) => fields.map((f) => csvField(f, ";")).join(";")),
  ];
  writeFileSync(path, `\uFEFF${text.join("\r\n")}\r\n`);
  return path;
}
