import { z } from "zod/mini";
import { fr } from "zod/v4/locales";

/**
 * zod's own messages, for what no contract names (a body that is not an object, a
 * configuration value of the wrong type), in French like every other answer of the BFF.
 * Called when the app and the configuration are built, after every module has loaded:
 * classic zod configures English when it loads, and the last configuration wins.
 */
export function useFrenchZodMessages(): void {
  z.config(fr());
}
