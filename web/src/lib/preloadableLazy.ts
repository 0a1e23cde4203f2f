import { createElement, lazy, useState, type ComponentProps, type ComponentType, type LazyExoticComponent } from 'react';

/** A lazily loaded component that can be loaded ahead of its first render (`preload`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export type PreloadableLazy<T extends ComponentType<any>> = ComponentType<ComponentProps<T>> & {
  /** Starts loading the code (once; a failed load is tried again on the next call). */
  preload(): Promise<unknown>;
};

/**
 * React.lazy that renders at once when its code has arrived (preloaded): React.lazy alone suspends on
 * its first render even then (its promise settles a microtask later), so a new <Suspense> shows its
 * fallback, and React holds back the content that replaces a fallback until 300 ms after it appeared
 * (its fallback throttle) — a page whose code was prefetched still waited ≈ 0.3 s (bench B5, issue 19).
 * Before the code is here it is React.lazy, with the same Suspense fallback and error behaviour.
 */
/** A module loaded at most once at a time (a failed load is tried again on the next call), and the module once it has arrived. */
export function loadOnce<M>(load: () => Promise<M>): { load(): Promise<M>; loaded(): M | undefined } {
  let arrived: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    load: () =>
      (loading ??= load().then(
        (module) => (arrived = module),
        (err: unknown) => {
          loading = undefined;
          throw err;
        },
      )),
    loaded: () => arrived,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export function preloadableLazy<T extends ComponentType<any>>(load: () => Promise<{ default: T }>): PreloadableLazy<T> {
  const code = loadOnce(load);
  const Lazy: LazyExoticComponent<T> = lazy(code.load);
  function Preloaded(props: ComponentProps<T>) {
    // Chosen once per mount: switching from the lazy wrapper to the component would mount it anew.
    const [Component] = useState<ComponentType<ComponentProps<T>>>(() => (code.loaded()?.default ?? Lazy) as ComponentType<ComponentProps<T>>);
    return createElement(Component, props);
  }
  return Object.assign(Preloaded, { preload: code.load });
}
