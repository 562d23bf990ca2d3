// @ts-expect-error: a plain ES module of the build scripts, without types.
import { bundleServer } from "../../scripts/bundle.mjs";

/** Vitest's global setup: the server the system tests start, bundled from the sources now. */
export default async function setup(): Promise<void> {
  await bundleServer();
}
