import type { Db } from './pool';

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
