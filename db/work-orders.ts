import { nextNumber } from './numbering';
import { inTransaction, type Db } from './pool';

// work_order (派工单) and callback_record (回访登记): the after-sales service records. Read with
// the case's other records in records.ts. Every write is keyed by the service task's
// occurrence key, so a retried activity gets the same order or call-back back.

export interface NewWorkOrder {
  key: string;
  caseId: string;
  customerId: string | null;
  productId: string | null;
  purchaseId: string | null;
  serviceKind: string;
  /** Named on the form; kept only if that user is an engineer, else the order goes to the 工程部 pool. */
  requestedEngineerId: string | null;
  mode: string;
  appointmentAt: string;
  dueAt: string;
  faultDescription: string | null;
  fee: number;
  inWarranty: boolean;
}

/** Numbers (PG-YYYY-MM-NNNNNN) and writes the order once per key; returns it. */
export function createWorkOrder(db: Db, w: NewWorkOrder): Promise<{ id: string; engineer_id: string | null }> {
  return inTransaction(db, async (tx) => {
    const done = await tx.query<{ id: string; engineer_id: string | null }>('SELECT id, engineer_id FROM work_order WHERE work_order_key = $1', [w.key]);
    if (done.rows[0]) return done.rows[0];
    const engineer = w.requestedEngineerId
      ? ((await tx.query<{ user_id: string }>(`SELECT user_id FROM user_role WHERE user_id = $1 AND role = 'engineering' LIMIT 1`, [w.requestedEngineerId])).rows[0]?.user_id ?? null)
      : null;
    // A reference the database does not know is dropped rather than failing the order.
    const ref = async (table: 'customer' | 'product' | 'purchase', id: string | null) => (id && (await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount ? id : null);
    const id = await nextNumber(tx, `${w.key}/work-order`, 'PG');
    await tx.query(
      `INSERT INTO work_order (id, work_order_key, case_id, customer_id, product_id, purchase_id, service_kind, engineer_id, mode,
                               appointment_at, due_at, fault_description, fee, in_warranty)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        w.key,
        w.caseId,
        await ref('customer', w.customerId),
        await ref('product', w.productId),
        await ref('purchase', w.purchaseId),
        w.serviceKind,
        engineer,
        w.mode,
        w.appointmentAt,
        w.dueAt,
        w.faultDescription,
        w.fee,
        w.inWarranty,
      ],
    );
    return { id, engineer_id: engineer };
  });
}

export interface NewCallback {
  key: string;
  caseId: string;
  workOrderId: string | null;
  method: string;
  satisfaction: number | null;
  tangibles: number | null;
  reliability: number | null;
  responsiveness: number | null;
  assurance: number | null;
  empathy: number | null;
  /** 恢复性 (migration 026); absent from call-backs registered before it. */
  recovery?: number | null;
  comments: string | null;
}

/** Writes the call-back once per key and closes the work order it was about. */
export function recordCallback(db: Db, c: NewCallback): Promise<{ id: string; at: Date }> {
  return inTransaction(db, async (tx) => {
    const inserted = await tx.query<{ id: string; at: Date }>(
      `INSERT INTO callback_record (callback_key, case_id, work_order_id, method, satisfaction, tangibles, reliability, responsiveness, assurance, empathy, comments, recovery)
       VALUES ($1, $2, (SELECT id FROM work_order WHERE id = $3), $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (callback_key) DO NOTHING RETURNING id::text, at`,
      [c.key, c.caseId, c.workOrderId, c.method, c.satisfaction, c.tangibles, c.reliability, c.responsiveness, c.assurance, c.empathy, c.comments, c.recovery ?? null],
    );
    const row = inserted.rows[0] ?? (await tx.query<{ id: string; at: Date }>('SELECT id::text, at FROM callback_record WHERE callback_key = $1', [c.key])).rows[0]!;
    if (c.workOrderId) {
      await tx.query(`UPDATE work_order SET status = 'closed', closed_at = coalesce(closed_at, now()) WHERE id = $1 AND status = 'dispatched'`, [c.workOrderId]);
    }
    return row;
  });
}
