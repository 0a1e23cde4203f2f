import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../db/pool';
import type { ServiceTaskFn, ServiceTaskInput } from './service-tasks';
import { shanghaiDate } from '../domain/china-time';
import { createWorkOrder, recordCallback } from '../db/work-orders';
import { formatNumber, numberingPeriod } from '../db/numbering';
import { createProductRepository, type PurchaseRow } from '../db/products';
import { resolveCaseCustomer } from '../db/cases';
import { num, oneOf, str } from './variables';

// After-sales service records (PROCESSES.md §3, §4): warranty and return/exchange windows from
// the purchase, the fee from the 维修及养护费用标准, the 派工单, and the 回访登记 with its
// SERVQUAL scores. Each is a service-task type; every write is idempotent by `input.key`.

/** Service commitments (seed 001): 15 days return, 30 days exchange, counted in calendar days in China. */
export const RETURN_DAYS = 15;
export const EXCHANGE_DAYS = 30;

const DAY_MS = 86_400_000;
export { shanghaiDate };

const dayNumber = (isoDate: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`not a calendar date: ${isoDate}`);
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
};

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); 0 on the same day. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export interface WarrantyStatus {
  /** Calendar days since the purchase in Asia/Shanghai: 0 on the day of purchase. */
  daysSincePurchase: number;
  /** Today is on or before the last day of warranty. */
  inWarranty: boolean;
  /** Up to and including day 15 after the purchase. */
  returnEligible: boolean;
  /** Up to and including day 30 after the purchase. */
  exchangeEligible: boolean;
  /** The day checked (Asia/Shanghai). */
  checkedOn: string;
}

/**
 * Warranty and the return / exchange windows on `now`, pure. Day 15 after the purchase may
 * still return, day 16 may not; day 30 may still exchange, day 31 may not.
 */
export function warrantyStatus(purchase: { purchasedOn: string; warrantyEndsOn: string }, now: Date): WarrantyStatus {
  const today = shanghaiDate(now);
  const days = daysBetween(purchase.purchasedOn, today);
  return {
    daysSincePurchase: days,
    inWarranty: daysBetween(today, purchase.warrantyEndsOn) >= 0,
    returnEligible: days <= RETURN_DAYS,
    exchangeEligible: days <= EXCHANGE_DAYS,
    checkedOn: today,
  };
}

/** A 派工单 number for the n-th work order of a month (Asia/Shanghai), e.g. PG-2026-11-000001. */
export function workOrderNumber(at: Date, n: number): string {
  return formatNumber('PG', numberingPeriod(at), n);
}

/** Appointment plus the agreed hours, as an ISO date-time in UTC (what a BPMN timer date reads). */
export function appointmentDeadline(appointmentAt: string, agreedHours: number): string {
  const start = Date.parse(appointmentAt);
  if (Number.isNaN(start)) throw new RangeError(`not a date-time: ${appointmentAt}`);
  return new Date(start + Math.max(0, agreedHours) * 3_600_000).toISOString();
}

/** A 1–5 score, or null when absent or out of range (the form enforces the range; this keeps the insert safe). */
const score = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
};
const SERVICE_KINDS = ['维修', '保养'] as const;
const MODES = ['送修', '上门'] as const;
const CALLBACK_METHODS = ['电话', '信函', '上门'] as const;

/** A data problem retrying cannot fix: the case shows it as a failed step. */
const badInput = (message: string) => ApplicationFailure.create({ message, type: 'ServiceRecordInput', nonRetryable: true });

export function createServiceRecordActivities({ db }: { db: Db }) {
  const products = createProductRepository(db);

  const tasks = {
    /**
     * 核算确认 / 查询购买信息: finds the purchase (by purchaseId, else the latest one of
     * customerId + productId) and says whether it is in warranty and inside the 15-day return
     * and 30-day exchange windows. Without a purchase on record nothing is free or returnable.
     */
    async 'check-warranty'(input: ServiceTaskInput) {
      const v = input.variables;
      const purchaseId = str(v.purchaseId);
      const productId = str(v.productId);
      let found: PurchaseRow | undefined;
      if (purchaseId) {
        found = await products.purchase(purchaseId);
        // Only a purchase of the case's customer counts: an id typed into a form must not read
        // another (perhaps confidential) customer's purchase into this case.
        const customerId = await resolveCaseCustomer(db, input.caseId, found?.customer_id ?? null);
        if (found && found.customer_id !== customerId) found = undefined;
      } else if (productId) {
        const customerId = await resolveCaseCustomer(db, input.caseId, str(v.customerId));
        if (customerId) found = await products.latestPurchase(customerId, productId);
      }
      const p = await products.product(found?.product_id ?? productId);
      const productInfo = {
        productId: p?.id ?? productId,
        productName: p?.name ?? null,
        productModel: p?.model ?? null,
        portable: p ? p.portable : null,
        // 体积较小、便于携带 → 送修; 体积较大 → 上门 (the agent confirms).
        suggestedMode: p ? (p.portable ? ('送修' as const) : ('上门' as const)) : null,
      };
      if (!found) {
        return {
          purchaseFound: false,
          purchaseId,
          ...productInfo,
          purchasedOn: null,
          warrantyEndsOn: null,
          daysSincePurchase: null,
          inWarranty: false,
          returnEligible: false,
          exchangeEligible: false,
          warrantyCheckedOn: shanghaiDate(new Date()),
        };
      }
      const status = warrantyStatus({ purchasedOn: found.purchased_on, warrantyEndsOn: found.warranty_ends_on }, new Date());
      return {
        purchaseFound: true,
        purchaseId: found.id,
        customerId: found.customer_id,
        ...productInfo,
        invoiceNo: found.invoice_no,
        warrantyCardNo: found.warranty_card_no,
        purchasedOn: found.purchased_on,
        warrantyEndsOn: found.warranty_ends_on,
        daysSincePurchase: status.daysSincePurchase,
        inWarranty: status.inWarranty,
        returnEligible: status.returnEligible,
        exchangeEligible: status.exchangeEligible,
        warrantyCheckedOn: status.checkedOn,
      };
    },

    /** 报价: the fee for the product's model and service kind from the fee schedule; 0 in warranty. */
    async 'quote-fee'(input: ServiceTaskInput) {
      const v = input.variables;
      const kind = oneOf(SERVICE_KINDS, v.serviceKind) ?? '维修';
      if (v.inWarranty === true) return { quotedFee: 0, fee: 0, feeScheduleFound: true, feeBasis: '保修期内免费' };
      const p = await products.product(str(v.productId));
      const model = p?.model ?? str(v.productModel);
      const fee = model ? await products.fee(model, kind) : undefined;
      if (fee === undefined) return { quotedFee: null, fee: null, feeScheduleFound: false, feeBasis: `无 ${model ?? '该产品'} 的${kind}费用标准，请人工报价` };
      return { quotedFee: fee, fee, feeScheduleFound: true, feeBasis: `产品维修及养护费用标准：${model} ${kind} ${fee} 元` };
    },

    /**
     * 派工单: numbered PG-YYYY-MM-NNNNNN (gap-free per month), with the engineer, 送修/上门, the
     * appointment and the deadline (appointment + agreed hours). A retry returns the same order.
     */
    async 'create-work-order'(input: ServiceTaskInput) {
      const v = input.variables;
      const mode = oneOf(MODES, v.serviceMode);
      const kind = oneOf(SERVICE_KINDS, v.serviceKind);
      const appointmentAt = str(v.appointmentAt);
      if (!mode) throw badInput(`维修方式 serviceMode must be 送修 or 上门, not ${JSON.stringify(v.serviceMode)}`);
      if (!kind) throw badInput(`服务类型 serviceKind must be 维修 or 保养, not ${JSON.stringify(v.serviceKind)}`);
      if (!appointmentAt || Number.isNaN(Date.parse(appointmentAt))) throw badInput(`预约时间 appointmentAt is not a date-time: ${JSON.stringify(v.appointmentAt)}`);
      const deadline = appointmentDeadline(appointmentAt, num(v.agreedHours) ?? 0);
      const inWarranty = v.inWarranty === true;
      const fee = inWarranty ? 0 : Math.max(0, num(v.fee) ?? num(v.quotedFee) ?? 0);

      const order = await createWorkOrder(db, {
        key: input.key,
        caseId: input.caseId,
        customerId: await resolveCaseCustomer(db, input.caseId, str(v.customerId)),
        productId: str(v.productId),
        purchaseId: str(v.purchaseId),
        serviceKind: kind,
        requestedEngineerId: str(v.engineerId),
        mode,
        appointmentAt,
        dueAt: deadline,
        faultDescription: str(v.faultDescription),
        fee,
        inWarranty,
      });
      Context.current().log.info('work order created', { caseId: input.caseId, workOrderId: order.id });
      return { workOrderId: order.id, engineerId: order.engineer_id, appointmentDeadline: deadline, fee, dispatchedAt: new Date().toISOString() };
    },

    /**
 * 客户回访登记: method, satisfaction and the SERVQUAL scores (恢复性 optional: call-backs before it had
 * five); closes the case's work order. servqualAverage stays the five classic dimensions, so a
 * diagram's threshold on it means what it meant.
 */
    async 'record-callback'(input: ServiceTaskInput) {
      const v = input.variables;
      const method = oneOf(CALLBACK_METHODS, v.callbackMethod ?? v.method) ?? '电话';
      const scores = {
        satisfaction: score(v.satisfaction),
        tangibles: score(v.tangibles),
        reliability: score(v.reliability),
        responsiveness: score(v.responsiveness),
        assurance: score(v.assurance),
        empathy: score(v.empathy),
        recovery: score(v.recovery),
      };
      const workOrderId = str(v.workOrderId);
      const record = await recordCallback(db, {
        key: input.key,
        caseId: input.caseId,
        workOrderId,
        method,
        ...scores,
        comments: str(v.callbackComments ?? v.comments),
      });
      const servqual = [scores.tangibles, scores.reliability, scores.responsiveness, scores.assurance, scores.empathy].filter((s): s is number => s !== null);
      return {
        callbackRecordId: record.id,
        callbackRecordedAt: record.at.toISOString(),
        servqualAverage: servqual.length ? Math.round((servqual.reduce((a, b) => a + b, 0) / servqual.length) * 100) / 100 : null,
      };
    },
  } satisfies Record<string, ServiceTaskFn>;
  return tasks;
}
