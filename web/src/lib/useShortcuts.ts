import { useLayoutEffect, useRef } from 'react';
import { chordOf, insideOverlay, isTypingTarget } from './keyboard';

/** Keys that may auto-repeat while held (moving through a list); others fire once per press. */
const isRepeatable = (key: string) => key === 'j' || key === 'k' || key.startsWith('Arrow');

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** chord → handler; return `false` from a handler to let the browser handle the key after all. */
export type ShortcutMap = Record<string, (e: KeyboardEvent) => void | false>;

/**
 * Page-wide single-key shortcuts on `window`. Ignored while typing in a field, inside dialogs, during IME
 * composition, with Ctrl/⌘, or when `enabled` is false. Handlers are read through a ref, so passing a new
 * map each render does not re-subscribe.
 *
 * `pathname` (as in the URL, still encoded) pins the map to the page that rendered it: between a navigation
 * and the next page's render the old page's keys are ignored, so a fast "Enter, a" or "a, a" can never act
 * on the task that is being left.
 */
export function useShortcuts(map: ShortcutMap, enabled = true, pathname?: string): void {
  const pathRef = useRef(pathname);
  const mapRef = useRef(map);
  // Layout effects: the keys work from the moment the page is on screen, not a frame later.
  useLayoutEffect(() => {
    mapRef.current = map;
    pathRef.current = pathname;
  });
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || (e.repeat && !isRepeatable(e.key))) return;
      if (isTypingTarget(e.target) || insideOverlay(e.target)) return;
      if (pathRef.current !== undefined && decodePath(window.location.pathname) !== decodePath(pathRef.current)) return;
      const chord = chordOf(e);
      if (!chord) return;
      const handler = mapRef.current[chord];
      if (!handler) return;
      if (handler(e) === false) return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
