import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoText } from '../../db/iso-text';
import { connectToStackDb } from '../shared-stack';

// isoText lets PostgreSQL write an instant as the API wrote it before: pg parsed the timestamptz into
// a Date (cutting microseconds to milliseconds) and Date#toISOString wrote it. Both, for random
// instants to the microsecond, in any session time zone, on the stack's database (PGlite, or
// PostgreSQL with DATABASE_URL).

describe('isoText', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it("writes Date#toISOString's text of what pg made of the instant", async () => {
    // Between 1970 and 2200, to the microsecond; the fraction's edges (.000000, .000999, .999999) often.
    const instant = fc.tuple(fc.integer({ min: 0, max: 7_258_118_399 }), fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(0, 999, 1000, 999_000, 999_999)));
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 50 }), fc.constantFrom('UTC', 'Asia/Shanghai', 'America/St_Johns'), async (instants, zone) => {
        await client.query(`SET TIME ZONE '${zone}'`);
        const texts = instants.map(([s, us]) => `${new Date(s * 1000).toISOString().slice(0, 19)}.${String(us).padStart(6, '0')}+00`);
        const { rows } = await client.query<{ at: Date; text: string }>(`SELECT x::timestamptz AS at, ${isoText('x::timestamptz')} AS text FROM unnest($1::text[]) x`, [texts]);
        for (const r of rows) expect(r.text).toBe(r.at.toISOString());
      }),
      { numRuns: 60 },
    );
  });

  it('keeps NULL', async () => {
    const { rows } = await client.query(`SELECT ${isoText('NULL::timestamptz')} AS text`);
    expect(rows[0].text).toBeNull();
  });
});
