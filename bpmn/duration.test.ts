import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, parseIsoDuration } from './duration';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT2S', 2_000],
    ['PT1.5S', 1_500],
    ['PT2H', 7_200_000],
    ['P3D', 259_200_000],
    ['P1DT12H', 129_600_000],
    ['P1W', 604_800_000],
    ['PT0S', 0],
  ])('%s is %d ms', (iso, ms) => expect(parseIsoDuration(iso)).toBe(ms));

  it.each(['', 'P', 'PT', '2H', 'P1Y', 'P1M', 'PT1H2', 'pt1h'])('refuses %j', (iso) => expect(parseIsoDuration(iso)).toBeUndefined());
});

describe('ISO 8601 date-times', () => {
  it('needs an explicit zone', () => {
    expect(parseIsoDateTime('2026-11-23T10:00:00Z')).toBe(Date.UTC(2026, 10, 23, 10));
    expect(parseIsoDateTime('2026-11-23T18:00:00+08:00')).toBe(Date.UTC(2026, 10, 23, 10));
    expect(parseIsoDateTime('2026-11-23T10:00:00')).toBeUndefined();
    expect(parseIsoDateTime('tomorrow')).toBeUndefined();
  });
});
