import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * One room per concept, and no import from a lower layer back up to a higher one
 * (issue 12): the database engines know nothing of the store, the store nothing of the
 * rules, the rules nothing of HTTP, and nothing below the wiring knows the seed.
 */

const src = dirname(fileURLToPath(import.meta.url));

/** Lowest first: a file may import from its own layer and the layers below it. */
const LAYERS: Array<{ name: string; holds: (path: string) => boolean }> = [
  { name: "foundations", holds: (p) => p === "config.ts" || p === "zod-locale.ts" },
  { name: "db", holds: (p) => p.startsWith("db/") },
  { name: "store", holds: (p) => p.startsWith("store/") },
  { name: "mail", holds: (p) => p.startsWith("mail/") },
  { name: "domain", holds: (p) => p.startsWith("domain/") },
  {
    name: "seed and import",
    holds: (p) => (p.startsWith("seed/") || p.startsWith("import/")) && !p.endsWith("/cli.ts"),
  },
  { name: "http", holds: (p) => p.startsWith("middleware/") || p === "types.ts" },
  { name: "routes", holds: (p) => p.startsWith("routes/") },
  {
    name: "wiring",
    // The entry points (the server's and the commands', `*/cli.ts`) and what only they use.
    holds: (p) =>
      ["app.ts", "wiring.ts", "server.ts", "main.ts", "main-support.ts", "env.ts"].includes(p) ||
      p.endsWith("/cli.ts"),
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

function layerOf(path: string): number {
  const index = LAYERS.findIndex((layer) => layer.holds(path));
  if (index < 0) throw new Error(`${path} belongs to no layer`);
  return index;
}

const production = sources(src)
  .map((path) => relative(src, path))
  .filter((path) => !path.startsWith("test/") && !path.startsWith("system/"));

const imports = production.flatMap((path) => {
  const text = readFileSync(join(src, path), "utf8");
  return [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map((m) => {
    const target = relative(src, resolve(dirname(join(src, path)), m[1] as string));
    return { from: path, to: target.endsWith(".ts") ? target : `${target}.ts` };
  });
});

describe("the layers of apps/bff/src", () => {
  it("put every source file in one layer", () => {
    for (const path of production) expect(() => layerOf(path), path).not.toThrow();
  });

  it("never import from a higher layer", () => {
    const upward = imports
      .filter(({ from, to }) => layerOf(to) > layerOf(from))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(upward).toEqual([]);
  });

  it("keep the seed for the wiring and the seed command only", () => {
    const users = imports
      .filter(({ from, to }) => to.startsWith("seed/") && !from.startsWith("seed/"))
      .map(({ from }) => from);
    expect([...new Set(users)]).toEqual(["server.ts"]);
  });

  it("keep engine-specific SQL behind the store: no drizzle query outside db/ and store/", () => {
    const outside = production.filter(
      (path) =>
        !path.startsWith("db/") &&
        !path.startsWith("store/") &&
        /from "drizzle-orm/.test(readFileSync(join(src, path), "utf8")),
    );
    expect(outside).toEqual([]);
  });
});
