// @ts-expect-error: a plain ES module of the BFF's build scripts, without types.
import { bundleServer } from "../../apps/bff/scripts/bundle.mjs";

/** Once per run: the BFF every journey starts, bundled from its sources now (ADR 023). */
export default async function globalSetup(): Promise<void> {
  await bundleServer();
}
