import type { Confidentiality } from '../policy/confidentiality';
import type { RoleHolder } from '../policy/roles';
import { customerCleared } from '../policy/sql';
import type { Db } from './pool';
import type { Customer, CustomerCardField, CustomerCase, CustomerChange } from '../contract';
import { nextNumber } from './numbering';

type Queryable = Pick<Db, 'query'>;

/** The card as stored, before the reader's mask. */
export interface CustomerCardRow {
  id: string;
  name: string;
  tier: string;
  unitId: string;
  unitName: string | null;
  unitPath: string;
  confidentiality: Confidentiality;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  region: string | null;
  customerType: string | null;
  industry: string | null;
  source: string | null;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** API field → column. The level is absent on purpose: it has its own writer (setConfidentiality). */
const COLUMN: Record<CustomerCardField, string> = {
  name: 'name',
  tier: 'tier',
  unitId: 'unit_id',
  contactName: 'contact_name',
  phone: 'phone',
  email: 'email',
  address: 'address',
  region: 'region',
  customerType: 'customer_type',
  industry: 'industry',
  source: 'source',
  ownerId: 'owner_id',
};

export type CustomerCardInput = { [K in CustomerCardField]?: string | null | undefined };

const CARD_SQL = `SELECT c.id, c.name, c.tier, c.unit_id, u.name AS unit_name, u.path, c.confidentiality, c.contact_name, c.phone, c.email,
        c.address, c.region, c.customer_type, c.industry, c.source, c.owner_id, ow.display_name AS owner_name, c.created_at, c.updated_at
   FROM customer c JOIN org_unit u ON u.id = c.unit_id LEFT JOIN app_user ow ON ow.id = c.owner_id`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

function toCard(r: Record<string, unknown>): CustomerCardRow {
  return {
    id: r.id as string,
    name: r.name as string,
    tier: r.tier as string,
    unitId: r.unit_id as string,
    unitName: (r.unit_name as string | null) ?? null,
    unitPath: r.path as string,
    confidentiality: r.confidentiality as Confidentiality,
    contactName: (r.contact_name as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    region: (r.region as string | null) ?? null,
    customerType: (r.customer_type as string | null) ?? null,
    industry: (r.industry as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at),
  };
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** Read the card inside a transaction (FOR UPDATE), so two edits of one customer record their history in order. */
async function lockedCard(tx: Queryable, id: string): Promise<CustomerCardRow | undefined> {
  const { rows } = await tx.query(`${CARD_SQL} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
  return rows[0] ? toCard(rows[0]) : undefined;
}

export async function appendChange(tx: Queryable, c: { customerId: string; actorId: string | null; kind: CustomerChange['kind']; caseId?: string | null; changes: FieldChange[] }) {
  await tx.query('INSERT INTO customer_change (customer_id, actor_id, kind, case_id, changes) VALUES ($1, $2, $3, $4, $5)', [
    c.customerId,
    c.actorId,
    c.kind,
    c.caseId ?? null,
    JSON.stringify(c.changes),
  ]);
}

/**
 * Creates a customer numbered KH-YYYY-MM-NNNNNN (db/numbering.ts); `assignmentKey` makes a
 * repeated request find the number — and so the customer — it made the first time.
 */
export async function insertCustomer(tx: Queryable, actorId: string, assignmentKey: string, card: CustomerCardInput & { name: string; tier: string; unitId: string }): Promise<{ id: string; created: boolean }> {
  const id = await nextNumber(tx, `customer/${assignmentKey}`, 'KH');
  const fields = (Object.keys(COLUMN) as CustomerCardField[]).filter((f) => card[f] !== undefined);
  const { rowCount } = await tx.query(
    `INSERT INTO customer (id, ${fields.map((f) => COLUMN[f]).join(', ')}, created_by, updated_at)
     VALUES ($1, ${fields.map((_, i) => `$${i + 2}`).join(', ')}, $${fields.length + 2}, now()) ON CONFLICT (id) DO NOTHING`,
    [id, ...fields.map((f) => card[f] ?? null), actorId],
  );
  if (rowCount) {
    await appendChange(tx, {
      customerId: id,
      actorId,
      kind: 'created',
      changes: fields.filter((f) => card[f] != null).map((f) => ({ field: f, before: null, after: card[f] ?? null })),
    });
  }
  return { id, created: Boolean(rowCount) };
}

/** Applies the fields that differ and records them (old → new); nothing changed records nothing. */
export async function updateCustomer(tx: Queryable, actorId: string, id: string, patch: CustomerCardInput): Promise<FieldChange[] | undefined> {
  const before = await lockedCard(tx, id);
  if (!before) return undefined;
  const changes: FieldChange[] = [];
  for (const f of Object.keys(COLUMN) as CustomerCardField[]) {
    const next = patch[f];
    if (next === undefined) continue;
    const old = before[f] ?? null;
    if ((next ?? null) !== old) changes.push({ field: f, before: old, after: next ?? null });
  }
  if (!changes.length) return [];
  await tx.query(
    `UPDATE customer SET ${changes.map((c, i) => `${COLUMN[c.field as CustomerCardField]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [id, ...changes.map((c) => c.after)],
  );
  await appendChange(tx, { customerId: id, actorId, kind: 'updated', changes });
  return changes;
}

/**
 * 确定秘密级别: the one writer of a customer's level, for the customer-information process's
 * service task once its 客服经理 审核 and 总经理 审批 passed (issue 14: the console never edits
 * it). The case that decided it is kept in the history; a repeat with the same level records
 * nothing, so a retried activity is harmless.
 */
export async function setConfidentiality(tx: Queryable, customerId: string, level: Confidentiality, caseId: string): Promise<boolean> {
  const before = await lockedCard(tx, customerId);
  if (!before) throw new Error(`No customer ${customerId}.`);
  if (before.confidentiality === level) return false;
  await tx.query('UPDATE customer SET confidentiality = $2, updated_at = now() WHERE id = $1', [customerId, level]);
  await appendChange(tx, { customerId, actorId: null, kind: 'confidentiality', caseId, changes: [{ field: 'confidentiality', before: before.confidentiality, after: level }] });
  return true;
}

export interface CustomerRow extends Customer {
  unitPath: string;
  confidentiality: Confidentiality;
}

export function createCustomerRepository(db: Db) {
  return {
    async card(id: string): Promise<CustomerCardRow | undefined> {
      const { rows } = await db.query(`${CARD_SQL} WHERE c.id = $1`, [id]);
      return rows[0] ? toCard(rows[0]) : undefined;
    },

    /** The customer's cases the reader may read (`readable`: an SQL predicate on case `c`, the reader's id as $1), newest first. */
    async cases(readerId: string, customerId: string, readable: string): Promise<CustomerCase[]> {
      const { rows } = await db.query(
        `SELECT c.id, c.process_key, pd.name AS process_name, c.title, c.status, c.started_at, c.ended_at
           FROM process_case c LEFT JOIN process_definition pd ON pd.key = c.process_key AND pd.version = c.process_version
          WHERE c.customer_id = $2 AND ${readable} ORDER BY c.started_at DESC, c.id DESC LIMIT 500`,
        [readerId, customerId],
      );
      return rows.map((r) => ({ id: r.id, processKey: r.process_key, processName: r.process_name, title: r.title, status: r.status, startedAt: iso(r.started_at)!, endedAt: iso(r.ended_at) }));
    },

    /** The change history, newest first, with who by name (and, for owner and unit, names beside the ids). */
    async changes(id: string): Promise<Array<Omit<CustomerChange, 'changes'> & { changes: FieldChange[] }>> {
      const { rows } = await db.query(
        `SELECT ch.id, ch.kind, ch.actor_id, a.display_name AS actor_name, ch.case_id, ch.at, ch.changes
           FROM customer_change ch LEFT JOIN app_user a ON a.id = ch.actor_id WHERE ch.customer_id = $1 ORDER BY ch.id DESC LIMIT 200`,
        [id],
      );
      const items = rows.map((r) => ({ id: Number(r.id), kind: r.kind, actorId: r.actor_id, actorName: r.actor_name, caseId: r.case_id, at: iso(r.at)!, changes: r.changes as FieldChange[] }));
      const ids = (field: string) => items.flatMap((i) => i.changes.filter((c) => c.field === field).flatMap((c) => [c.before, c.after])).filter((v): v is string => v != null);
      const [people, units] = await Promise.all([
        db.query<{ id: string; name: string }>('SELECT id, display_name AS name FROM app_user WHERE id = ANY ($1::text[])', [ids('ownerId')]),
        db.query<{ id: string; name: string }>('SELECT id, name FROM org_unit WHERE id = ANY ($1::text[])', [ids('unitId')]),
      ]);
      const names = { ownerId: new Map(people.rows.map((r) => [r.id, r.name])), unitId: new Map(units.rows.map((r) => [r.id, r.name])) };
      const named = (field: string, v: string | null) => (v != null && (field === 'ownerId' || field === 'unitId') ? (names[field].get(v) ?? v) : v);
      return items.map((i) => ({ ...i, changes: i.changes.map((c) => ({ field: c.field, before: named(c.field, c.before), after: named(c.field, c.after) })) }));
    },

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
