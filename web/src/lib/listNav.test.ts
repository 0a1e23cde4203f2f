import { describe, expect, it } from 'vitest';
import { clampIndex, neighbours, successorOf } from './listNav';

describe('moving through the task list', () => {
  const ids = ['a', 'b', 'c'];
  it('finds neighbours', () => {
    expect(neighbours(ids, 'b')).toEqual({ prev: 'a', next: 'c', index: 1 });
    expect(neighbours(ids, 'a')).toEqual({ prev: null, next: 'b', index: 0 });
    expect(neighbours(ids, 'z')).toEqual({ prev: null, next: null, index: -1 });
  });

  it('goes to the next task after completing one, else the previous, else nowhere', () => {
    expect(successorOf(ids, 'a')).toBe('b');
    expect(successorOf(ids, 'c')).toBe('b');
    expect(successorOf(['a'], 'a')).toBeNull();
  });

  it('clamps row indexes', () => {
    expect(clampIndex(5, 3)).toBe(2);
    expect(clampIndex(-1, 3)).toBe(0);
    expect(clampIndex(0, 0)).toBe(-1);
  });
});
