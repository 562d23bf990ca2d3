import { useCallback, useLayoutEffect, useRef } from "react";
import {
  type NavigateFunction,
  type NavigateOptions,
  useLocation,
  useNavigate,
} from "react-router";

/**
 * Navigations whose caller changes the session cache right after: the page being left
 * must be gone first, or its guard would see the new state and redirect on its own,
 * losing the notice. The router renders every navigation in a transition, so
 * `navigate()` returns while the old page is still on screen; these promises resolve
 * once the new location has been committed.
 */
const waiting = new Set<() => void>();
let current: NavigateFunction | null = null;
let navigated = false;

/** True once this visit has left its first page (back to it included). */
export function hasNavigated(): boolean {
  return navigated;
}

/**
 * Called once, by the layout every page shares: it sees each navigation committed, and
 * lends its `navigate` to code outside the React tree (the query client).
 */
export function useNavigationCommits(): void {
  const navigate = useNavigate();
  const { key } = useLocation();
  useLayoutEffect(() => {
    current = navigate;
  }, [navigate]);
  const committed = useRef(key);
  useLayoutEffect(() => {
    if (committed.current === key) return;
    committed.current = key;
    navigated = true;
    for (const resolve of waiting) resolve();
    waiting.clear();
  }, [key]);
}

function navigateThenWait(
  navigate: NavigateFunction,
  to: string,
  options?: NavigateOptions,
): Promise<void> {
  const committed = new Promise<void>((resolve) => waiting.add(resolve));
  void navigate(to, options);
  return committed;
}

/** `navigate`, resolved once the new page has replaced the old one on screen. */
export function useNavigateAndWait(): (to: string, options?: NavigateOptions) => Promise<void> {
  const navigate = useNavigate();
  return useCallback((to, options) => navigateThenWait(navigate, to, options), [navigate]);
}

/** The same, from outside the React tree; does nothing before the router has rendered. */
export function navigateAndWait(to: string, options?: NavigateOptions): Promise<void> {
  return current ? navigateThenWait(current, to, options) : Promise.resolve();
}

/**
 * The section of the page an address names (`/aide#compte-bloque`), or null: none, none
 * on this page, or a fragment that is no section's id (an emailed link's `#token=…`,
 * possibly cut short and not even decodable).
 */
export function sectionOf(hash: string): HTMLElement | null {
  if (!hash) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}
