import { randomUUID } from 'node:crypto';
import type { FeeBody, ProductBody, Purchase, PurchaseBody } from '../../contract';
import { createCustomerRepository } from '../../db/customers';
import { inTransaction, type Db } from '../../db/pool';
import { createCatalogRepository, insertPurchase, InvoiceTakenError, upsertFee, upsertProduct } from '../../db/products';
import type { SessionUser } from '../../db/users';
import { mayReadCustomer } from '../../policy/confidentiality';
import { editsInUnit } from '../../policy/customers';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import type { IdempotentOperation } from '../http/idempotency';
import type { FollowUpStarter, RegisteredSale } from './follow-up-start';

// Sales records and the catalog (products, 维修及养护费用标准) maintained in the console.

export type Queryable = Pick<Db, 'query'>;

/** Why a purchase may not be registered for a customer, as a row error or a problem: undefined when it may. */
export async function purchaseRefusal(
  db: Queryable,
  user: SessionUser,
  customerId: string,
  b: Pick<PurchaseBody, 'productId' | 'amount' | 'paidAmount' | 'purchasedOn' | 'dueOn'>,
  paths: Map<string, string>,
): Promise<{ code: string; field: string; message: string; status: number; params?: Record<string, string> } | undefined> {
  const customer = await createCustomerRepository(db as Db).card(customerId);
  if (!customer) return { code: 'customer.notFound', field: 'customerId', message: `no customer ${customerId}`, status: 404, params: { customerId } };
  const pathOf = (u: string) => paths.get(u);
  if (!mayReadCustomer(user, customer.confidentiality, customer.unitPath, pathOf)) return { code: 'customer.notCleared', field: 'customerId', message: 'above your clearance', status: 403, params: { customerId } };
  if (!editsInUnit(user, customer.unitPath, pathOf)) return { code: 'customer.outsideScope', field: 'customerId', message: 'not in a unit where you register sales', status: 403, params: { unitId: customer.unitId } };
  const { rows } = await db.query('SELECT 1 FROM product WHERE id = $1', [b.productId]);
  if (!rows.length) return { code: 'purchase.productUnknown', field: 'productId', message: `no product ${b.productId}`, status: 422, params: { productId: b.productId } };
  if (b.paidAmount > b.amount) return { code: 'purchase.paidExceedsAmount', field: 'paidAmount', message: 'more than the amount', status: 422 };
  if (b.dueOn && b.dueOn < b.purchasedOn) return { code: 'purchase.dueBeforePurchase', field: 'dueOn', message: 'before the purchase day', status: 422 };
  return undefined;
}

export async function saleOf(db: Queryable, purchaseId: string): Promise<RegisteredSale> {
  const { rows } = await db.query(
    `SELECT p.id, p.customer_id, c.name, c.unit_id, c.contact_name, c.phone, p.product_id, pr.name AS product_name
       FROM purchase p JOIN customer c ON c.id = p.customer_id LEFT JOIN product pr ON pr.id = p.product_id WHERE p.id = $1`,
    [purchaseId],
  );
  const r = rows[0]!;
  return { purchaseId: r.id, customerId: r.customer_id, customerName: r.name, customerUnitId: r.unit_id, contactName: r.contact_name, phone: r.phone, productId: r.product_id, productName: r.product_name };
}

export function createPurchaseService(db: Db, unitPaths: () => Promise<Map<string, string>>, startFollowUp: FollowUpStarter) {
  const catalog = createCatalogRepository(db);

  return {
    catalog,

    /**
     * Registers a sale and starts its follow-up case. The same invoice of the same product (a
     * repeated request, the same row imported again) is the purchase made before: nothing new is
     * written and its follow-up is not started twice (follow-up-start.ts).
     */
    async register(user: SessionUser, customerId: string, body: PurchaseBody, op?: IdempotentOperation | null): Promise<{ purchase: Purchase; followUpCaseId: string | null; created: boolean }> {
      const refusal = await purchaseRefusal(db, user, customerId, body, await unitPaths());
      if (refusal) {
        const info = { code: refusal.code, ...(refusal.params && { params: refusal.params }) };
        if (refusal.status === 404) throw notFound(`No customer ${customerId}.`, info);
        if (refusal.status === 403) throw forbidden(`You may not register purchases for customer ${customerId}: ${refusal.message}.`, info);
        throw unprocessable(`The purchase cannot be registered: ${refusal.field} ${refusal.message}.`, { ...info, errors: [{ path: `body.${refusal.field}`, message: refusal.message, code: refusal.code }] });
      }
      let saved: { id: string; created: boolean };
      try {
        saved = await inTransaction(db, (tx) => insertPurchase(tx, user.id, op?.operationId ?? randomUUID(), customerId, body));
      } catch (err) {
        if (err instanceof InvoiceTakenError) {
          throw conflict(err.message, { code: 'purchase.invoiceTaken', params: { invoiceNo: err.invoiceNo }, errors: [{ path: 'body.invoiceNo', message: 'registered for another customer', code: 'purchase.invoiceTaken', params: { invoiceNo: err.invoiceNo } }] });
        }
        throw err;
      }
      const followUp = await startFollowUp(user, await saleOf(db, saved.id));
      return { purchase: (await catalog.purchase(saved.id))!, followUpCaseId: followUp.caseId, created: saved.created };
    },

    async saveProduct(user: SessionUser, body: ProductBody) {
      await inTransaction(db, (tx) => upsertProduct(tx, user.id, body));
      return (await catalog.products()).find((p) => p.id === body.id)!;
    },

    async saveFee(user: SessionUser, body: FeeBody) {
      await inTransaction(db, (tx) => upsertFee(tx, user.id, body));
      return (await catalog.fees()).find((f) => f.model === body.model && f.serviceKind === body.serviceKind)!;
    },
  };
}

export type PurchaseService = ReturnType<typeof createPurchaseService>;
