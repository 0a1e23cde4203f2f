import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { hashPassword, TEST_ONLY_CHEAP_PARAMS } from '../../server/auth/password';
import { demoCustomers, demoProducts, demoUnits, demoUsers, DEMO_PASSWORD } from './demo-data';
import { inTransaction, type Db } from '../../db/pool';

const DEMO_SERVICE_RECORDS = fileURLToPath(new URL('./demo-service-records.sql', import.meta.url));

/** Seeds the demo org tree, users, customers and products once; a second start changes nothing. */
export async function seedDemoData(db: Db, opts: { cheapDemoPasswords?: boolean } = {}): Promise<{ seeded: boolean }> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM org_unit');
  if (rows[0] && rows[0].n !== '0') return { seeded: false };

  // Demo users share one public password, so one hash serves them all (hashing is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD, opts.cheapDemoPasswords ? TEST_ONLY_CHEAP_PARAMS : undefined);
  await inTransaction(db, async (tx) => {
    for (const u of demoUnits) {
      await tx.query('INSERT INTO org_unit (id, parent_id, name, name_en, level, path) VALUES ($1, $2, $3, $4, $5, $6)', [
        u.id, u.parentId, u.name, u.nameEn, u.level, u.path,
      ]);
    }
    for (const u of demoUsers()) {
      await tx.query('INSERT INTO app_user (id, username, display_name, password_hash, unit_id, department) VALUES ($1, $2, $3, $4, $5, $6)', [
        u.id, u.username, u.displayName, passwordHash, u.unitId, u.department ?? null,
      ]);
      for (const role of u.roles) {
        await tx.query('INSERT INTO user_role (user_id, role, unit_id) VALUES ($1, $2, $3)', [u.id, role, u.unitId]);
      }
    }
    for (const c of demoCustomers) {
      await tx.query(
        'INSERT INTO customer (id, name, tier, contact_name, phone, address, unit_id, confidentiality) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [c.id, c.name, c.tier, c.contact, c.phone, c.address, c.unitId, c.confidentiality],
      );
    }
    for (const p of demoProducts) {
      await tx.query('INSERT INTO product (id, name, model, portable, warranty_months) VALUES ($1, $2, $3, $4, $5)', [
        p.id, p.name, p.model, p.portable, p.warrantyMonths,
      ]);
    }
    await tx.query(await readFile(DEMO_SERVICE_RECORDS, 'utf8'));
  });
  return { seeded: true };
}
