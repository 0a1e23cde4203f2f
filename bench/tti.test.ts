import { describe, expect, it } from 'vitest';
import { timeToInteractive } from './tti';

describe('timeToInteractive', () => {
  it('is when the content shows if no long task follows', () => {
    expect(timeToInteractive(1000, [{ start: 200, duration: 300 }])).toBe(1000);
  });
  it('waits for long tasks that overlap or start within the quiet window, and ignores later ones', () => {
    const tasks = [
      { start: 2100, duration: 60 }, // starts 300 ms after 1800 → counts, ends 2160
      { start: 900, duration: 1000 }, // running when the rows show → ends 1900
      { start: 3000, duration: 80 }, // 840 ms after 2160 → outside the window
    ];
    expect(timeToInteractive(1000, tasks)).toBe(2160);
  });
});
