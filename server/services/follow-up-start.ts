import type { SessionUser } from '../../db/users';
import { HttpProblem } from '../http/problem';
import type { CaseService } from './case-service';

// 100% 回访 (seed 001): every purchase registered starts its after-sales follow-up case, exactly
// once. The case's business key is the purchase's number, so its workflow id is fixed by the
// purchase (after-sales-follow-up/GM-…): a retried request, a repeated import or two racing
// registrations all target one workflow id, and Temporal's REJECT_DUPLICATE (case-service) lets
// only the first start it — also after that case has ended. This is the one place a purchase
// starts its follow-up: when the engine correlates message start events, it publishes a
// `purchase-registered` message here instead, keyed the same way.

export const FOLLOW_UP_PROCESS = 'after-sales-follow-up';

/** The follow-up case of a purchase: derived from the purchase, never random. */
export const followUpCaseId = (purchaseId: string) => `${FOLLOW_UP_PROCESS}/${purchaseId}`;

export interface RegisteredSale {
  purchaseId: string;
  customerId: string;
  customerName: string;
  customerUnitId: string;
  contactName: string | null;
  phone: string | null;
  productId: string;
  productName: string | null;
}

export type FollowUpOutcome = { caseId: string; started: boolean } | { caseId: null; started: false; reason: string };

export function createFollowUpStarter(cases: Pick<CaseService, 'start'>) {
  /**
   * Starts the follow-up of `sale` unless it was started before. The case belongs to the
   * customer's unit (its agents call the customer back), whoever registered the sale.
   */
  return async function startFollowUp(user: SessionUser, sale: RegisteredSale): Promise<FollowUpOutcome> {
    const caseId = followUpCaseId(sale.purchaseId);
    try {
      await cases.start(
        { ...user, unitId: sale.customerUnitId },
        {
          processKey: FOLLOW_UP_PROCESS,
          businessKey: sale.purchaseId,
          title: `${sale.customerName} ${sale.productName ?? sale.productId} 售后跟踪`,
          customerId: sale.customerId,
          variables: {
            customerId: sale.customerId,
            customerName: sale.customerName,
            contactPerson: sale.contactName,
            phone: sale.phone,
            productId: sale.productId,
            purchaseId: sale.purchaseId,
          },
        },
      );
      return { caseId, started: true };
    } catch (err) {
      if (err instanceof HttpProblem && err.code === 'case.duplicateBusinessKey') return { caseId, started: false };
      // Not deployed: the purchase stands; registering it again (same invoice) starts its follow-up then.
      if (err instanceof HttpProblem && err.code === 'process.notDeployed') return { caseId: null, started: false, reason: err.code };
      throw err;
    }
  };
}

export type FollowUpStarter = ReturnType<typeof createFollowUpStarter>;
