import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLEARED, isRestricted, type Confidentiality } from '../policy/confidentiality';
import { restrictedLevel } from '../policy/sql';

// The inbox's free text lists the customers a reader may not read among the restricted ones, through
// migration 058's partial index (db/tasks.ts list): the SQL's list of levels, the levels that hide
// anything, and the index's predicate must be the same, or the index stops serving it.
const listed = (sql: string) => [...sql.matchAll(/'([a-z]+)'/g)].map((m) => m[1]).sort();

describe('restricted customer levels', () => {
  it('restrictedLevel lists exactly the levels that hide anything', () => {
    expect(listed(restrictedLevel('c.confidentiality'))).toEqual((Object.keys(CLEARED) as Confidentiality[]).filter(isRestricted).sort());
  });

  it('migration 058 indexes the same levels', () => {
    const migration = readFileSync(new URL('../db/migrations/058_customer_restricted.sql', import.meta.url), 'utf8');
    const where = /CREATE INDEX customer_restricted[^;]*WHERE confidentiality IN \(([^)]*)\)/.exec(migration);
    expect(where && listed(where[1]!)).toEqual(listed(restrictedLevel('c.confidentiality')));
  });
});
