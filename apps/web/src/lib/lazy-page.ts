import { type ComponentType, type LazyExoticComponent, lazy } from "react";

/**
 * A page in a chunk of its own (ADR 012) that `preloadPage` can load before React renders
 * it. `React.lazy` suspends on its first render even when the chunk is already there (a
 * promise answers a tick later), and the first page of a visit would paint "Chargement en
 * cours…" between the header and the footer. Once loaded, the page's loader answers at
 * once (a thenable that calls back synchronously), so React renders the page itself in
 * the first paint.
 */
const preloads = new Map<string, () => Promise<unknown>>();

export function lazyPage<M>(
  path: string,
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): LazyExoticComponent<ComponentType> {
  let page: ComponentType | undefined;
  const loaded = (m: M) => {
    page = pick(m);
    return { default: page };
  };
  // A chunk that fails to load is the page's error boundary's to tell, at render.
  preloads.set(path, () =>
    load()
      .then(loaded, () => undefined)
      .then(() => undefined),
  );
  return lazy(() => {
    const ready = page;
    if (!ready) return load().then(loaded);
    const now = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose: React.lazy reads a synchronous one in the same render.
      then: (done: (m: { default: ComponentType }) => void) => done({ default: ready }),
    };
    return now as unknown as Promise<{ default: ComponentType }>;
  });
}

/**
 * Loads the chunk of the page at `pathname` (main.tsx, before the first render); nothing
 * to do for the sign-in page (in the first download) or an unknown address.
 */
export function preloadPage(pathname: string): Promise<unknown> {
  return preloads.get(pathname)?.() ?? Promise.resolve();
}
