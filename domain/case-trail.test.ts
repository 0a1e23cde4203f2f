import { describe, expect, it } from 'vitest';
import { numberOfSeq, numberTrail } from './case-trail';

describe('a case trail numbered 1, 2, 3', () => {
  it('numbers the entries in global-sequence order, whatever the gaps other cases left', () => {
    const numbered = numberTrail([{ seq: 95 }, { seq: 75 }, { seq: 84 }]);
    expect(numbered.map((e) => [e.seq, e.n])).toEqual([
      [75, 1],
      [84, 2],
      [95, 3],
    ]);
  });

  it('keeps what the entries carry', () => {
    expect(numberTrail([{ seq: 7, kind: 'case.started' }])).toEqual([{ seq: 7, kind: 'case.started', n: 1 }]);
    expect(numberTrail([])).toEqual([]);
  });

  it('translates a global sequence (where a chain broke) into the case number', () => {
    const trail = [{ seq: 95 }, { seq: 75 }, { seq: 84 }];
    expect(numberOfSeq(trail, 84)).toBe(2);
    expect(numberOfSeq(trail, 95)).toBe(3);
    expect(numberOfSeq(trail, null)).toBeNull();
    expect(numberOfSeq(trail, 76)).toBeNull();
  });
});
