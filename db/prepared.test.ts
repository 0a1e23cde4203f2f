import { describe, expect, it } from 'vitest';
import { prepared } from './prepared';

describe('prepared statements', () => {
  it('names a text the same way every time, two texts differently, within PostgreSQL’s 63-byte names', () => {
    const a = prepared('SELECT 1 WHERE $1::text IS NOT NULL', ['x']);
    const b = prepared('SELECT 1 WHERE $1::text IS NOT NULL', ['y']);
    const c = prepared('SELECT 2 WHERE $1::text IS NOT NULL', ['x']);
    expect(a.name).toBe(b.name);
    expect(a.name).not.toBe(c.name);
    expect(Buffer.byteLength(a.name!)).toBeLessThanOrEqual(63);
    expect(b.values).toEqual(['y']);
  });
});
