import { describe, expect, it } from 'vitest';
import { paramsOpaque, prepared } from './prepared';

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

describe('paramsOpaque', () => {
  it('reads every parameter from one materialized row, telling $1 from $10, and keeps a WITH query one query', () => {
    const params = Array.from({ length: 10 }, (_, i) => `$${i + 1}`).join(', ');
    const text = paramsOpaque(`SELECT ${params}, $2::int, ARRAY[$1::text]`, 10);
    expect(text.startsWith('WITH opaque AS MATERIALIZED (SELECT $1::text AS p1, $2::text AS p2,')).toBe(true);
    expect(text).toContain('$10::text AS p10) SELECT (SELECT opaque.p1 FROM opaque), (SELECT opaque.p2 FROM opaque),');
    expect(text).toContain('(SELECT opaque.p10 FROM opaque), (SELECT opaque.p2 FROM opaque)::int, ARRAY[(SELECT opaque.p1 FROM opaque)::text]');
    // Outside the row, no parameter is left for the planner to see.
    expect(text.slice(text.indexOf(') SELECT')).match(/\$\d/)).toBeNull();
    expect(paramsOpaque('WITH a AS (SELECT $1 AS x) SELECT x FROM a', 1)).toBe('WITH opaque AS MATERIALIZED (SELECT $1::text AS p1), a AS (SELECT (SELECT opaque.p1 FROM opaque) AS x) SELECT x FROM a');
  });

  it('refuses a parameter beyond those it is told of, and no parameters', () => {
    expect(() => paramsOpaque('SELECT $1, $3', 2)).toThrow('$3 beyond the 2 parameters');
    expect(() => paramsOpaque('SELECT 1', 0)).toThrow(RangeError);
  });
});
