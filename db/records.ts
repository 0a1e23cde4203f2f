import type { CaseRecords as ApiCaseRecords } from '../contract';
import type { Db } from './pool';

// The business records a case produced (PROCESSES.md: "Forms are records"): its complaint, its
// 派工单, its 回访登记 and what the customer was told — and those of the cases it started (a follow-up's repair), so the
// case page shows everything done for the customer in one place.

/** What the records are; whether the user may see them (`masked`) is the route's to say. */
export type CaseRecords = Omit<ApiCaseRecords, 'masked'>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const numOrNull = (v: unknown) => (v == null ? null : Number(v));

// The case and the cases it started (call activities), one level down: the shipped processes nest no deeper.
const CASE_AND_CHILDREN = `(SELECT $1::text AS id UNION SELECT id FROM process_case WHERE parent_case_id = $1)`;

export function createRecordRepository(db: Db) {
  /** The records of the cases `cases` (an SQL set of case ids over `params`). */
  async function recordsOf(cases: string, params: unknown[]): Promise<CaseRecords> {
      const [complaints, workOrders, callbacks, notices] = await Promise.all([
        db.query(`SELECT * FROM complaint WHERE case_id IN ${cases} ORDER BY created_at`, params),
        db.query(
          `SELECT w.*, u.display_name AS engineer_name, p.name AS product_name,
                  pu.purchased_on::text AS purchased_on, pu.warranty_ends_on::text AS warranty_ends_on
             FROM work_order w
             LEFT JOIN app_user u ON u.id = w.engineer_id
             LEFT JOIN product p ON p.id = w.product_id
             LEFT JOIN purchase pu ON pu.id = w.purchase_id
            WHERE w.case_id IN ${cases} ORDER BY w.created_at`,
          params,
        ),
        db.query(`SELECT * FROM callback_record WHERE case_id IN ${cases} ORDER BY at`, params),
        db.query(`SELECT * FROM customer_notification WHERE case_id IN ${cases} ORDER BY id`, params),
      ]);
      return {
        complaints: complaints.rows.map((r) => ({
          id: r.id,
          caseId: r.case_id,
          stage: r.stage,
          channel: r.channel,
          severity: r.severity,
          product: r.product,
          content: r.content,
          customerRequest: r.customer_request,
          receivedAt: iso(r.received_at),
          isValid: r.is_valid,
          causeType: r.cause_type,
          responsibleDepartment: r.responsible_department,
          responsiblePerson: r.responsible_person,
          solutionPlan: r.solution_plan,
          compensationAmount: numOrNull(r.compensation_amount),
          promisedDeadline: iso(r.promised_deadline),
          createdAt: iso(r.created_at)!,
          updatedAt: iso(r.updated_at)!,
        })),
        workOrders: workOrders.rows.map((r) => ({
          id: r.id,
          caseId: r.case_id,
          serviceKind: r.service_kind,
          mode: r.mode,
          engineerId: r.engineer_id,
          engineerName: r.engineer_name,
          appointmentAt: iso(r.appointment_at)!,
          dueAt: iso(r.due_at)!,
          faultDescription: r.fault_description,
          status: r.status,
          fee: Number(r.fee),
          inWarranty: r.in_warranty,
          productName: r.product_name,
          purchasedOn: r.purchased_on,
          warrantyEndsOn: r.warranty_ends_on,
          createdAt: iso(r.created_at)!,
          closedAt: iso(r.closed_at),
        })),
        callbacks: callbacks.rows.map((r) => ({
          id: Number(r.id),
          caseId: r.case_id,
          workOrderId: r.work_order_id,
          method: r.method,
          satisfaction: r.satisfaction,
          servqual: { tangibles: r.tangibles, reliability: r.reliability, responsiveness: r.responsiveness, assurance: r.assurance, empathy: r.empathy, recovery: r.recovery ?? null },
          comments: r.comments,
          at: iso(r.at)!,
        })),
        customerNotifications: notices.rows.map((r) => ({
          id: Number(r.id),
          caseId: r.case_id,
          channel: r.channel,
          recipient: r.recipient,
          subject: r.subject,
          body: r.body,
          status: r.status,
          createdAt: iso(r.created_at)!,
          sentAt: iso(r.sent_at),
        })),
      };
  }

  return {
    forCase: (caseId: string): Promise<CaseRecords> => recordsOf(CASE_AND_CHILDREN, [caseId]),
    /** The records of a customer's cases the reader may read (`readable`: an SQL predicate on case `c`, the reader's id as $1). */
    forCustomer: (readerId: string, customerId: string, readable: string): Promise<CaseRecords> =>
      recordsOf(`(SELECT c.id FROM process_case c WHERE c.customer_id = $2 AND ${readable})`, [readerId, customerId]),
  };
}

export type RecordRepository = ReturnType<typeof createRecordRepository>;
