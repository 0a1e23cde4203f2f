import { z } from 'zod';

// GET /api/cases/:id/records: the business records of a case and of the cases it started.

export const complaintRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  stage: z.string(),
  channel: z.string().nullable(),
  severity: z.string().nullable(),
  product: z.string().nullable(),
  content: z.string().nullable(),
  customerRequest: z.string().nullable(),
  receivedAt: z.string().nullable(),
  isValid: z.boolean().nullable(),
  causeType: z.string().nullable(),
  responsibleDepartment: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  solutionPlan: z.string().nullable(),
  compensationAmount: z.number().nullable(),
  promisedDeadline: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ComplaintRecord = z.infer<typeof complaintRecordSchema>;

/** 派工单 */
export const workOrderRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  serviceKind: z.string(),
  mode: z.string(),
  engineerId: z.string().nullable(),
  engineerName: z.string().nullable(),
  appointmentAt: z.string(),
  dueAt: z.string(),
  faultDescription: z.string().nullable(),
  status: z.string(),
  fee: z.number(),
  inWarranty: z.boolean(),
  productName: z.string().nullable(),
  purchasedOn: z.string().nullable(),
  warrantyEndsOn: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type WorkOrderRecord = z.infer<typeof workOrderRecordSchema>;

/** 回访登记 */
export const callbackRecordSchema = z.object({
  id: z.number(),
  caseId: z.string(),
  workOrderId: z.string().nullable(),
  method: z.string(),
  satisfaction: z.number().nullable(),
  servqual: z.object({
    tangibles: z.number().nullable(),
    reliability: z.number().nullable(),
    responsiveness: z.number().nullable(),
    assurance: z.number().nullable(),
    empathy: z.number().nullable(),
    /** 恢复性: null on call-backs registered before the form asked for it. */
    recovery: z.number().nullable(),
  }),
  comments: z.string().nullable(),
  at: z.string(),
});
export type CallbackRecord = z.infer<typeof callbackRecordSchema>;

export const customerNotificationRecordSchema = z.object({
  id: z.number(),
  caseId: z.string().nullable(),
  channel: z.string(),
  recipient: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  status: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type CustomerNotificationRecord = z.infer<typeof customerNotificationRecordSchema>;

export const caseRecordsSchema = z.object({
  complaints: z.array(complaintRecordSchema),
  workOrders: z.array(workOrderRecordSchema),
  callbacks: z.array(callbackRecordSchema),
  customerNotifications: z.array(customerNotificationRecordSchema),
  /** True when the customer's confidentiality level hides the records from this user. */
  masked: z.boolean(),
});
export type CaseRecords = z.infer<typeof caseRecordsSchema>;
