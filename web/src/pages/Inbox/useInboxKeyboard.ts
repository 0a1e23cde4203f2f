import { isInteractiveTarget } from '../../lib/keyboard';
import { useShortcuts } from '../../lib/useShortcuts';

export interface InboxKeyHandlers {
  move: (delta: 1 | -1) => void;
  open: () => void;
  toggle: () => void;
  approve: () => void;
  reject: () => void;
  bulkApprove: () => void;
  focusSearch: () => void;
  escape: () => void;
  help: () => void;
}

/**
 * The inbox's keyboard map: j/k or ↓/↑ move, Enter/o open, x select, a approve, r reject (comment prompt),
 * Shift+A bulk-approve the selection, / search, Esc clear selection, ? help. Off while typing or in a dialog.
 */
export function useInboxKeyboard(h: InboxKeyHandlers, enabled: boolean) {
  useShortcuts(
    {
      j: () => h.move(1),
      ArrowDown: () => h.move(1),
      k: () => h.move(-1),
      ArrowUp: () => h.move(-1),
      // Enter on a link, button, tab or checkbox keeps its own meaning.
      Enter: (e) => (isInteractiveTarget(e.target) ? false : h.open()),
      o: () => h.open(),
      x: () => h.toggle(),
      a: () => h.approve(),
      r: () => h.reject(),
      'Shift+A': () => h.bulkApprove(),
      '/': () => h.focusSearch(),
      Escape: () => h.escape(),
      '?': () => h.help(),
    },
    enabled,
    '/tasks',
  );
}
