import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorable, MAX_NESTING } from './input-guard';

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('findUnstorable', () => {
  it('accepts ordinary text, including Chinese and emoji (surrogate pairs)', () => {
    expect(findUnstorable({ title: '投诉：发电机组 😀', n: 1, ok: true, list: ['a', null] }, 'body')).toBeUndefined();
  });

  it('finds a NUL at any depth, in values and in keys, with its path', () => {
    expect(findUnstorable({ a: [{ b: 'x\u0000y' }] }, 'body')).toMatchObject({ path: 'body.a.0.b', reason: 'nul' });
    expect(findUnstorable({ a: { 'k\u0000': 1 } }, 'body')).toMatchObject({ path: 'body.a.k\\u0000', reason: 'nul' });
  });

  it('finds lone surrogates but not pairs', () => {
    expect(findUnstorable({ t: 'a\uD800b' }, 'body')).toMatchObject({ path: 'body.t', reason: 'lone-surrogate' });
    expect(findUnstorable({ t: '\uDC00' }, 'body')).toMatchObject({ reason: 'lone-surrogate' });
    expect(findUnstorable({ t: '\uD83D\uDE00' }, 'body')).toBeUndefined();
  });

  it('stops at the nesting limit without recursing through a hostile depth', () => {
    expect(findUnstorable(nested(MAX_NESTING - 1), 'body')).toBeUndefined();
    expect(findUnstorable(nested(MAX_NESTING + 1), 'body')).toMatchObject({ reason: 'too-deep' });
    expect(findUnstorable(nested(100_000), 'body')).toMatchObject({ reason: 'too-deep' });
  });

  it('finds a NUL planted anywhere in any JSON value', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), fc.nat(), (text, seed) => {
        const value = JSON.parse(text) as unknown;
        // Plant the NUL in the seed-th string of the value (or wrap the value if it has none).
        let strings = 0;
        const plant = (v: unknown): unknown => {
          if (typeof v === 'string') return strings++ === seed % 50 ? `${v}\u0000` : v;
          if (Array.isArray(v)) return v.map(plant);
          if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plant(x)]));
          return v;
        };
        let poisoned = plant(value);
        if (strings <= seed % 50) poisoned = { wrapped: poisoned, extra: '\u0000' };
        expect(findUnstorable(poisoned, 'body')?.reason).toBe('nul');
      }),
    );
  });
});
