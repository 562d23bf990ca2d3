#!/usr/bin/env node
// The BFF as one ES module for the processes the tests start (ADR 023): `node dist/main.mjs`
// is ready in about half the time `tsx src/main.ts` takes, which the journeys and the
// system tests pay once per server they start. Packages stay in node_modules (native ones
// cannot be bundled); the app's own sources and the workspace's packages are joined.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const bffRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundledServer = join(bffRoot, "dist/main.mjs");

/**
 * A module that finds a file beside itself (the migrations, the repository's root) reads
 * `import.meta.url`, which in one bundle would be the bundle's own: each source file keeps
 * its own address instead.
 */
const ownUrl = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /[/\\]apps[/\\]bff[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return {
        contents: source.replaceAll(
          "import.meta.url",
          JSON.stringify(pathToFileURL(args.path).href),
        ),
        loader: "ts",
      };
    });
  },
};

async function externalPackages() {
  const manifest = JSON.parse(await readFile(join(bffRoot, "package.json"), "utf8"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => !name.startsWith("@mgen/")).flatMap((name) => [name, `${name}/*`]);
}

/** Writes `dist/main.mjs` from `src/main.ts` (about 50 ms); returns its path. */
export async function bundleServer() {
  await build({
    entryPoints: [join(bffRoot, "src/main.ts")],
    outfile: bundledServer,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The workspace's own packages export TypeScript: they are bundled; the rest is not.
    external: await externalPackages(),
    sourcemap: true,
    logLevel: "warning",
    plugins: [ownUrl],
  });
  return bundledServer;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await bundleServer());
}
