import { chinaDateTime } from './dictionary';

type T = (key: 'schedules.every' | 'schedules.times' | 'schedules.from' | 'schedules.once' | 'schedules.cron' | 'schedules.unit.d' | 'schedules.unit.h' | 'schedules.unit.m' | 'schedules.unit.w', vars?: Record<string, string | number>) => string;

const ISO_CYCLE = /^R(\d*)\/(?:([^/]+)\/)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * A timer start event's cycle in words: `R5/P1D` → 每 1 天，共 5 次; a date → 2027-01-04 09:00 一次;
 * cron stays as written (with the note that it is Beijing time). Anything else is shown as written.
 */
export function describeCycle(expression: string, t: T): string {
  const m = ISO_CYCLE.exec(expression.trim());
  if (m) {
    const [, times, start, w, d, h, min] = m;
    const parts = (
      [
        [w, 'w'],
        [d, 'd'],
        [h, 'h'],
        [min, 'm'],
      ] as const
    )
      .filter(([n]) => n !== undefined && Number(n) > 0)
      .map(([n, u]) => t(`schedules.unit.${u}`, { n: Number(n) }));
    let text = t('schedules.every', { interval: parts.join(' ') });
    if (start) text += t('schedules.from', { at: chinaDateTime(start) ?? start });
    if (times) text += t('schedules.times', { n: Number(times) });
    return text;
  }
  const at = chinaDateTime(expression.trim());
  if (at && !expression.trim().startsWith('R')) return t('schedules.once', { at });
  if (/^\S+(\s+\S+){4,5}$/.test(expression.trim())) return t('schedules.cron', { cron: expression.trim() });
  return expression;
}
