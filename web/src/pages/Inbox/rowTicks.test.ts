import { describe, expect, it } from 'vitest';
import { ticked } from './rowTicks';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, actions: { complete: id !== 'c' } }));

describe('a row checkbox click', () => {
  it('ticks and unticks one row', () => {
    expect(ticked(rows, [], 1, null, false)).toEqual({ selectedIds: ['b'], lastTicked: 1 });
    expect(ticked(rows, ['b', 'd'], 1, 1, false)).toEqual({ selectedIds: ['d'], lastTicked: null });
  });

  it('with Shift ticks every decidable row from the last box ticked, in either direction', () => {
    expect(ticked(rows, ['a'], 4, 0, true).selectedIds.sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(ticked(rows, ['e'], 1, 4, true).selectedIds.sort()).toEqual(['b', 'd', 'e']);
  });

  it('with Shift on a ticked row unticks the range; without an anchor it is a plain click', () => {
    expect(ticked(rows, ['a', 'b', 'd', 'e'], 3, 0, true).selectedIds.sort()).toEqual(['e']);
    expect(ticked(rows, [], 3, null, true)).toEqual({ selectedIds: ['d'], lastTicked: 3 });
  });

  it('an anchor past the end of a shorter list (rows left since) is ignored', () => {
    expect(ticked(rows.slice(0, 2), [], 1, 4, true)).toEqual({ selectedIds: ['b'], lastTicked: 1 });
  });
});
