import { useSyncExternalStore } from "react";

const noChange = () => () => undefined;

/**
 * False while React takes over HTML rendered at build time (the sign-in page, ADR 026) and
 * when rendering that HTML; true once the page is React's. A page rendered in the browser
 * from the start is true at once.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}
