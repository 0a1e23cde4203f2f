import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { sharedStack } from '../shared-stack';

describe('migrations', () => {
  const db = createPool(sharedStack().databaseUrl, 2);
  afterAll(() => db.end());

  it('are already applied by start-up and applying again changes nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query('SELECT version FROM schema_migration ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it('refuse to run when an applied migration was edited', async () => {
    const edited = (await loadMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was edited after it was applied/);
  });
});
