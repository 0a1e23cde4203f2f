import type { ImportantDate, ImportantDateBody } from '../contract';
import { appendChange } from './customers';
import type { Db } from './pool';

// customer_important_date (migrations 042, 046): the customer's 生日 / 节日 / 纪念日. Every add,
// change and removal is written to the customer's history (customer_change) in the same
// transaction, so 客户 360's 变更记录 says who changed a date and from what.

type Queryable = Pick<Db, 'query'>;

const KIND_WORD: Record<ImportantDate['kind'], string> = { birthday: '生日', festival: '节日', anniversary: '纪念日' };
const pad = (n: number) => String(n).padStart(2, '0');

/** How the history shows a date: 生日 03-15 董事长王海 (1968). */
export const describeDate = (d: Pick<ImportantDate, 'kind' | 'label' | 'month' | 'day' | 'year'>): string =>
  `${KIND_WORD[d.kind]} ${pad(d.month)}-${pad(d.day)} ${d.label}${d.year != null ? ` (${d.year})` : ''}`;

const SELECT = 'SELECT id, kind, note, month, day, year, created_at, updated_at FROM customer_important_date';

const toDate = (r: Record<string, unknown>): ImportantDate => ({
  id: String(r.id),
  kind: r.kind as ImportantDate['kind'],
  label: r.note as string,
  month: Number(r.month),
  day: Number(r.day),
  year: r.year == null ? null : Number(r.year),
  createdAt: new Date(r.created_at as string).toISOString(),
  updatedAt: r.updated_at ? new Date(r.updated_at as string).toISOString() : null,
});

/** The customer's dates in calendar order (the caller decides whether the reader may see them). */
export async function datesOf(db: Queryable, customerId: string): Promise<ImportantDate[]> {
  const { rows } = await db.query(`${SELECT} WHERE customer_id = $1 ORDER BY month, day, id`, [customerId]);
  return rows.map(toDate);
}

export async function dateOf(db: Queryable, customerId: string, dateId: string): Promise<ImportantDate | undefined> {
  const { rows } = await db.query(`${SELECT} WHERE customer_id = $1 AND id = $2`, [customerId, dateId]);
  return rows[0] ? toDate(rows[0]) : undefined;
}

const FIELD = 'importantDate';

export async function addDate(tx: Queryable, actorId: string, customerId: string, d: ImportantDateBody): Promise<ImportantDate> {
  const { rows } = await tx.query(
    `INSERT INTO customer_important_date (customer_id, kind, note, month, day, year) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, kind, note, month, day, year, created_at, updated_at`,
    [customerId, d.kind, d.label, d.month, d.day, d.year ?? null],
  );
  const added = toDate(rows[0]!);
  await appendChange(tx, { customerId, actorId, kind: 'updated', changes: [{ field: FIELD, before: null, after: describeDate(added) }] });
  return added;
}

/** Writes the date as given (already merged with what was stored); nothing changed records nothing. */
export async function changeDate(tx: Queryable, actorId: string, customerId: string, dateId: string, next: ImportantDateBody): Promise<ImportantDate | undefined> {
  const { rows } = await tx.query(`${SELECT} WHERE customer_id = $1 AND id = $2 FOR UPDATE`, [customerId, dateId]);
  if (!rows[0]) return undefined;
  const before = toDate(rows[0]);
  const after = { ...before, ...next, year: next.year ?? null };
  if (describeDate(before) === describeDate(after)) return before;
  const { rows: updated } = await tx.query(
    `UPDATE customer_important_date SET kind = $3, note = $4, month = $5, day = $6, year = $7, updated_at = now()
      WHERE customer_id = $1 AND id = $2 RETURNING id, kind, note, month, day, year, created_at, updated_at`,
    [customerId, dateId, after.kind, after.label, after.month, after.day, after.year],
  );
  await appendChange(tx, { customerId, actorId, kind: 'updated', changes: [{ field: FIELD, before: describeDate(before), after: describeDate(after) }] });
  return toDate(updated[0]!);
}

export async function removeDate(tx: Queryable, actorId: string, customerId: string, dateId: string): Promise<boolean> {
  const { rows } = await tx.query(
    'DELETE FROM customer_important_date WHERE customer_id = $1 AND id = $2 RETURNING id, kind, note, month, day, year, created_at, updated_at',
    [customerId, dateId],
  );
  if (!rows[0]) return false;
  await appendChange(tx, { customerId, actorId, kind: 'updated', changes: [{ field: FIELD, before: describeDate(toDate(rows[0])), after: null }] });
  return true;
}
