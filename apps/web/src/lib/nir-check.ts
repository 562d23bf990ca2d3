import { normalizeNir } from "@mgen/contracts/rules";

/**
 * While a NIR is being typed, its check waits for the 15th character (separators aside):
 * a message at the third digit would only scold the member for not having finished.
 */
export function nirComplete(value: string): boolean {
  return normalizeNir(value).length >= 15;
}
