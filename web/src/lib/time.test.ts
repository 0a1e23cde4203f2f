import { describe, expect, it } from 'vitest';
import { formatChinaDateTime, formatDateTime, formatDateTimeExact, formatRelative } from './time';

const now = Date.parse('2025-06-01T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const H = 3600_000;

describe('relative due times', () => {
  it('speaks Chinese and English', () => {
    expect(formatRelative(at(3 * H), now, 'zh-CN')).toBe('3小时后');
    expect(formatRelative(at(3 * H), now, 'en')).toBe('in 3 hours');
    expect(formatRelative(at(-2 * 24 * H), now, 'en')).toBe('2 days ago');
    expect(formatRelative(at(-24 * H), now, 'zh-CN')).toBe('昨天');
  });

  it('says now under a minute, and moves to weeks only from two', () => {
    expect(formatRelative(at(20_000), now, 'en')).toBe('now');
    expect(formatRelative(at(10 * 24 * H), now, 'en')).toBe('in 10 days');
    expect(formatRelative(at(15 * 24 * H), now, 'en')).toBe('in 2 weeks');
  });

  it('is empty for an unreadable date', () => {
    expect(formatRelative('not a date', now, 'en')).toBe('');
  });
});

describe('date and time formats (formatters built once per language and style)', () => {
  it('say exactly what toLocaleString says, every time', () => {
    for (const lang of ['zh-CN', 'en']) {
      for (const iso of ['2025-06-01T12:00:00Z', '2026-01-31T23:59:59Z']) {
        for (let i = 0; i < 2; i++) {
          expect(formatDateTime(iso, lang)).toBe(new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }));
          expect(formatDateTimeExact(iso, lang)).toBe(new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' }));
          expect(formatChinaDateTime(iso, lang)).toBe(new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }));
        }
      }
    }
    expect(formatChinaDateTime('2025-06-01T20:30:00Z', 'en')).toContain('4:30');
    expect(formatDateTime('garbage', 'en')).toBe('Invalid Date');
  });
});
