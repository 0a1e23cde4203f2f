import type { Db } from './pool';
import type { Fee, FeeBody, Product, ProductBody, Purchase, PurchaseBody, SalesSummary } from '../contract';
import { nextNumber } from './numbering';

// product, purchase and fee_schedule: what the after-sales service tasks look up (warranty,
// return and exchange windows, the 维修及养护费用标准).

type Queryable = Pick<Db, 'query'>;

export interface PurchaseRow {
  id: string;
  customer_id: string;
  product_id: string;
  purchased_on: string;
  warranty_ends_on: string;
  invoice_no: string | null;
  warranty_card_no: string | null;
}

export interface ProductRow {
  id: string;
  name: string;
  model: string;
  portable: boolean;
  warranty_months: number;
}

const PURCHASE_COLUMNS = `id, customer_id, product_id, purchased_on::text AS purchased_on, warranty_ends_on::text AS warranty_ends_on, invoice_no, warranty_card_no`;

export function createProductRepository(db: Queryable) {
  return {
    async product(id: string | null | undefined): Promise<ProductRow | undefined> {
      if (!id) return undefined;
      return (await db.query<ProductRow>('SELECT id, name, model, portable, warranty_months FROM product WHERE id = $1', [id])).rows[0];
    },
    async purchase(id: string): Promise<PurchaseRow | undefined> {
      return (await db.query<PurchaseRow>(`SELECT ${PURCHASE_COLUMNS} FROM purchase WHERE id = $1`, [id])).rows[0];
    },
    /** The customer's most recent purchase of the product. */
    async latestPurchase(customerId: string, productId: string): Promise<PurchaseRow | undefined> {
      return (
        await db.query<PurchaseRow>(`SELECT ${PURCHASE_COLUMNS} FROM purchase WHERE customer_id = $1 AND product_id = $2 ORDER BY purchased_on DESC, id DESC LIMIT 1`, [
          customerId,
          productId,
        ])
      ).rows[0];
    },
    /** The fee of a model's service kind in the fee schedule, or undefined when it lists none. */
    async fee(model: string, serviceKind: string): Promise<number | undefined> {
      const row = (await db.query<{ fee: string }>('SELECT fee::text AS fee FROM fee_schedule WHERE model = $1 AND service_kind = $2', [model, serviceKind])).rows[0];
      return row ? Number(row.fee) : undefined;
    },
  };
}

// Master data maintained in the console and by imports (issue 14). Writes take a transaction's
// client: an import writes all its rows in one.

const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const num = (v: unknown) => (v == null ? 0 : Number(v));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/** A purchase as the console and credit grading read it: receivable and overdue days as of today in China. */
const PURCHASE_VIEW = `SELECT p.id, p.customer_id, p.product_id, pr.name AS product_name, pr.model, p.purchased_on::text AS purchased_on,
        p.warranty_ends_on::text AS warranty_ends_on, p.warranty_ends_on >= ${TODAY} AS in_warranty, p.invoice_no, p.warranty_card_no,
        p.quantity, p.amount, p.paid_amount, p.payment_status, greatest(p.amount - p.paid_amount, 0) AS receivable, p.due_on::text AS due_on,
        CASE WHEN p.amount > p.paid_amount AND p.due_on < ${TODAY} THEN ${TODAY} - p.due_on ELSE 0 END AS overdue_days,
        (SELECT c.id FROM process_case c WHERE c.id = 'after-sales-follow-up/' || p.id) AS follow_up_case_id, p.created_at
   FROM purchase p LEFT JOIN product pr ON pr.id = p.product_id`;

export function toPurchase(r: Record<string, unknown>): Purchase {
  return {
    id: r.id as string,
    customerId: r.customer_id as string,
    productId: r.product_id as string,
    productName: (r.product_name as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    purchasedOn: r.purchased_on as string,
    warrantyEndsOn: r.warranty_ends_on as string,
    inWarranty: Boolean(r.in_warranty),
    invoiceNo: (r.invoice_no as string | null) ?? null,
    warrantyCardNo: (r.warranty_card_no as string | null) ?? null,
    quantity: num(r.quantity),
    amount: num(r.amount),
    paidAmount: num(r.paid_amount),
    paymentStatus: r.payment_status as Purchase['paymentStatus'],
    receivable: num(r.receivable),
    dueOn: (r.due_on as string | null) ?? null,
    overdueDays: num(r.overdue_days),
    followUpCaseId: (r.follow_up_case_id as string | null) ?? null,
    createdAt: iso(r.created_at)!,
  };
}

/** The invoice already names a sale of this product to another customer. */
export class InvoiceTakenError extends Error {
  constructor(readonly invoiceNo: string, readonly purchaseId: string) {
    super(`Invoice ${invoiceNo} is already registered for another customer's purchase ${purchaseId}.`);
  }
}

/**
 * Registers a sale, numbered GM-YYYY-MM-NNNNNN. A purchase with the same product and invoice
 * number is the same sale: it is found, not made twice (a repeated request, a file imported
 * again), so its follow-up case is started for one purchase only. The free warranty ends the day
 * before the purchase's anniversary `warranty_months` later (as the seed computes it).
 */
export async function insertPurchase(tx: Queryable, actorId: string, assignmentKey: string, customerId: string, b: PurchaseBody): Promise<{ id: string; created: boolean }> {
  const existing = async () => {
    if (!b.invoiceNo) return undefined;
    const { rows } = await tx.query<{ id: string; customer_id: string }>('SELECT id, customer_id FROM purchase WHERE product_id = $1 AND invoice_no = $2', [b.productId, b.invoiceNo]);
    const row = rows[0];
    if (row && row.customer_id !== customerId) throw new InvoiceTakenError(b.invoiceNo, row.id);
    return row ? { id: row.id, created: false } : undefined;
  };
  const found = await existing();
  if (found) return found;
  const id = await nextNumber(tx, `purchase/${assignmentKey}`, 'GM');
  const { rowCount } = await tx.query(
    `INSERT INTO purchase (id, customer_id, product_id, purchased_on, invoice_no, warranty_card_no, warranty_ends_on, quantity, amount, paid_amount, due_on, created_by)
     SELECT $1, $2, pr.id, $4::date, $5, $6, ($4::date + make_interval(months => pr.warranty_months))::date - CASE WHEN pr.warranty_months > 0 THEN 1 ELSE 0 END,
            $7, $8, $9, $10::date, $11
       FROM product pr WHERE pr.id = $3
     ON CONFLICT DO NOTHING`,
    [id, customerId, b.productId, b.purchasedOn, b.invoiceNo ?? null, b.warrantyCardNo ?? null, b.quantity, b.amount, b.paidAmount, b.dueOn ?? null, actorId],
  );
  if (rowCount) return { id, created: true };
  // The same assignment key made it before, or a concurrent request took the invoice first.
  const again = (await tx.query<{ id: string }>('SELECT id FROM purchase WHERE id = $1', [id])).rows[0];
  if (again) return { id, created: false };
  const other = await existing();
  if (other) return other;
  throw new Error(`No product ${b.productId}.`);
}

export async function upsertProduct(tx: Queryable, actorId: string, p: ProductBody): Promise<void> {
  await tx.query(
    `INSERT INTO product (id, name, model, portable, warranty_months, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, model = EXCLUDED.model, portable = EXCLUDED.portable,
       warranty_months = EXCLUDED.warranty_months, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [p.id, p.name, p.model, p.portable, p.warrantyMonths, actorId],
  );
}

export async function upsertFee(tx: Queryable, actorId: string, f: FeeBody): Promise<void> {
  await tx.query(
    `INSERT INTO fee_schedule (model, service_kind, fee, valid_from, updated_by, updated_at) VALUES ($1, $2, $3, coalesce($4::date, ${TODAY}), $5, now())
     ON CONFLICT (model, service_kind) DO UPDATE SET fee = EXCLUDED.fee, valid_from = EXCLUDED.valid_from, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [f.model, f.serviceKind, f.fee, f.validFrom ?? null, actorId],
  );
}

export function createCatalogRepository(db: Queryable) {
  return {
    async products(): Promise<Product[]> {
      const { rows } = await db.query('SELECT id, name, model, portable, warranty_months, updated_at FROM product ORDER BY model, id');
      return rows.map((r) => ({ id: r.id, name: r.name, model: r.model, portable: r.portable, warrantyMonths: r.warranty_months, updatedAt: iso(r.updated_at) }));
    },
    async fees(): Promise<Fee[]> {
      const { rows } = await db.query('SELECT model, service_kind, fee, currency, valid_from::text AS valid_from, updated_at FROM fee_schedule ORDER BY model, service_kind');
      return rows.map((r) => ({ model: r.model, serviceKind: r.service_kind, fee: Number(r.fee), currency: r.currency, validFrom: r.valid_from, updatedAt: iso(r.updated_at) }));
    },
    async purchase(id: string): Promise<Purchase | undefined> {
      const { rows } = await db.query(`${PURCHASE_VIEW} WHERE p.id = $1`, [id]);
      return rows[0] ? toPurchase(rows[0]) : undefined;
    },
    async customerPurchases(customerId: string): Promise<Purchase[]> {
      const { rows } = await db.query(`${PURCHASE_VIEW} WHERE p.customer_id = $1 ORDER BY p.purchased_on DESC, p.id DESC LIMIT 500`, [customerId]);
      return rows.map(toPurchase);
    },
    /**
     * Customers whose overdue receivables (unpaid past the due date, in China's today) exceed
     * `threshold`, counting only purchases overdue at least `minDays`: what the daily overdue check reads.
     */
    async overdueCustomers(threshold: number, minDays: number): Promise<Array<{ customerId: string; overdueReceivable: number; maxOverdueDays: number }>> {
      const { rows } = await db.query(
        `SELECT customer_id, sum(receivable) AS overdue, max(overdue_days) AS max_days
           FROM (${PURCHASE_VIEW}) s WHERE overdue_days >= greatest($2::int, 1)
          GROUP BY customer_id HAVING sum(receivable) > $1 ORDER BY customer_id`,
        [threshold, minDays],
      );
      return rows.map((r) => ({ customerId: r.customer_id as string, overdueReceivable: num(r.overdue), maxOverdueDays: num(r.max_days) }));
    },
    /** A customer's sales and payments as credit grading reads them (客户销售记录分析表). */
    async salesSummary(customerId: string): Promise<SalesSummary> {
      const { rows } = await db.query(
        `SELECT count(*)::int AS purchases, coalesce(sum(amount), 0) AS total, coalesce(sum(paid_amount), 0) AS paid,
                coalesce(sum(receivable), 0) AS receivable, coalesce(sum(receivable) FILTER (WHERE overdue_days > 0), 0) AS overdue_receivable,
                coalesce(max(overdue_days), 0) AS max_overdue, coalesce(sum(amount) FILTER (WHERE purchased_on::date > ${TODAY} - 365), 0) AS annual,
                max(purchased_on) AS last_on
           FROM (${PURCHASE_VIEW} WHERE p.customer_id = $1) s`,
        [customerId],
      );
      const r = rows[0]!;
      const total = num(r.total);
      const paid = num(r.paid);
      return {
        purchases: num(r.purchases),
        totalAmount: total,
        paidAmount: paid,
        receivable: num(r.receivable),
        overdueReceivable: num(r.overdue_receivable),
        maxOverdueDays: num(r.max_overdue),
        paymentRate: total > 0 ? Math.round((paid / total) * 10_000) / 10_000 : 1,
        annualSales: num(r.annual),
        lastPurchaseOn: (r.last_on as string | null) ?? null,
      };
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
