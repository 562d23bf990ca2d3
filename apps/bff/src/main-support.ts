import type { Config } from "./config";
import { ConfigError } from "./env";

/** Prints one line per configuration problem and stops, instead of a stack trace. */
export function exitOnConfigError(load: () => Config): Config {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error("Configuration invalide, le serveur ne démarre pas :");
    for (const problem of error.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
}
