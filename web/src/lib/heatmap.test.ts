import { describe, expect, it } from 'vitest';
import { heatLevel, heatmap } from './heatmap';

describe('heatmap', () => {
  it('colours a step by its average time against the slowest step, in four levels; no time, no colour', () => {
    expect([heatLevel(48, 48), heatLevel(25.33, 48), heatLevel(12, 48), heatLevel(0.5, 48), heatLevel(null, 48), heatLevel(3, 0)]).toEqual([4, 3, 1, 1, 0, 0]);
    const h = heatmap(
      [
        { elementId: 'a', name: 'A', active: 2, incidents: 0, completed: 1, averageHours: 10, p90Hours: 10 },
        { elementId: 'b', name: 'B', active: 1, incidents: 0, completed: 0, averageHours: null, p90Hours: null },
      ],
      (e) => ({ badge: String(e.active), title: e.name ?? '' }),
    );
    expect(h).toEqual({ a: { level: 4, badge: '2', title: 'A' }, b: { level: 0, badge: '1', title: 'B' } });
  });
});
