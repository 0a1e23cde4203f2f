import { useEffect } from 'react';
import { insideOverlay, isTypingTarget } from '../../lib/keyboard';
import { useShortcuts } from '../../lib/useShortcuts';
import { taskHref } from './taskLinks';

/**
 * Moving between tasks — Esc back to the inbox, Alt+↓ / Alt+↑ next / previous task, ? help — registered by the
 * page shell so they work while a task is still loading. Esc inside a text field first leaves the field.
 */
export function useTaskNavKeys(taskId: string, h: { back: () => void; next: () => void; prev: () => void; help: () => void }, enabled: boolean) {
  useShortcuts(
    {
      Escape: () => h.back(),
      'Alt+ArrowDown': () => h.next(),
      'Alt+ArrowUp': () => h.prev(),
      '?': () => h.help(),
    },
    enabled,
    taskHref(taskId),
  );
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !isTypingTarget(e.target) || insideOverlay(e.target)) return;
      // Let an open select list or date picker close first.
      if (e.target instanceof HTMLElement && e.target.getAttribute('aria-expanded') === 'true') return;
      (e.target as HTMLElement).blur();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Deciding the loaded task: a approve, r reject (moves focus to the comment box). */
export function useTaskDecisionKeys(taskId: string, h: { approve: () => void; reject: () => void }, enabled: boolean) {
  useShortcuts({ a: () => h.approve(), r: () => h.reject() }, enabled, taskHref(taskId));
}
