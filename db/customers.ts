import type { Confidentiality } from '../policy/confidentiality';
import type { RoleHolder } from '../policy/roles';
import { customerCleared } from '../policy/sql';
import type { Db } from './pool';
import type { Customer } from '../contract';

export interface CustomerRow extends Customer {
  unitPath: string;
  confidentiality: Confidentiality;
}

export function createCustomerRepository(db: Db) {
  return {
    /**
     * Look-up by id, name, contact or phone, best tier first. Name, contact and phone match only
     * customers the reader may read: for the others a match would confirm what the mask hides.
     */
    async search(reader: RoleHolder & { id: string }, q: string | undefined, limit: number): Promise<CustomerRow[]> {
      const cleared = customerCleared(reader, '$3', 'c.confidentiality', 'u.path');
      const { rows } = await db.query(
        `SELECT c.id, c.name, c.tier, c.unit_id, u.path, c.confidentiality, c.contact_name, c.phone
           FROM customer c JOIN org_unit u ON u.id = c.unit_id
          WHERE $1::text IS NULL OR c.id ILIKE '%' || $1 || '%'
             OR ((c.name ILIKE '%' || $1 || '%' OR c.contact_name ILIKE '%' || $1 || '%' OR c.phone ILIKE '%' || $1 || '%') AND ${cleared})
          ORDER BY c.tier, c.name LIMIT $2`,
        [q ?? null, limit, reader.id],
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        tier: r.tier,
        unitId: r.unit_id,
        unitPath: r.path,
        confidentiality: r.confidentiality,
        contactName: r.contact_name,
        phone: r.phone,
      }));
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
