import { z } from 'zod';
import { caseRecordsSchema } from './case-records';
import { customerCardSchema, customerCaseSchema } from './customers';

// Products, purchases (sales records with payments) and the 维修及养护费用标准 (issue 14).

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'not a calendar day', params: { reason: 'notADay' } });
const money = z.number().min(0).max(1_000_000_000).multipleOf(0.01);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v === '' ? null : v));

export const SERVICE_KINDS = ['维修', '保养'] as const;

export const productBodySchema = z.object({
  id: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -'),
  name: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(40),
  portable: z.boolean(),
  warrantyMonths: z.number().int().min(0).max(240),
}).strict();
export type ProductBody = z.infer<typeof productBodySchema>;
export const productSchema = productBodySchema.extend({ updatedAt: z.string().nullable() });
export type Product = z.infer<typeof productSchema>;
export const productListSchema = z.object({ items: z.array(productSchema) });

export const feeBodySchema = z.object({
  model: z.string().trim().min(1).max(40),
  serviceKind: z.enum(SERVICE_KINDS),
  fee: money,
  validFrom: day.optional(),
}).strict();
export type FeeBody = z.infer<typeof feeBodySchema>;
export const feeSchema = z.object({ model: z.string(), serviceKind: z.string(), fee: z.number(), currency: z.string(), validFrom: z.string(), updatedAt: z.string().nullable() });
export type Fee = z.infer<typeof feeSchema>;
export const feeListSchema = z.object({ items: z.array(feeSchema) });

/** A sale registered in the console (or a row of an import). */
export const purchaseBodySchema = z.object({
  productId: z.string().trim().min(1).max(40),
  purchasedOn: day,
  invoiceNo: optionalText(60),
  warrantyCardNo: optionalText(60),
  quantity: z.number().int().min(1).max(100_000).default(1),
  amount: money,
  paidAmount: money.default(0),
  dueOn: day.nullable().optional(),
}).strict();
export type PurchaseBody = z.infer<typeof purchaseBodySchema>;
export type PurchaseInput = z.input<typeof purchaseBodySchema>;

export const purchaseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  productId: z.string(),
  productName: z.string().nullable(),
  model: z.string().nullable(),
  purchasedOn: z.string(),
  warrantyEndsOn: z.string(),
  inWarranty: z.boolean(),
  invoiceNo: z.string().nullable(),
  warrantyCardNo: z.string().nullable(),
  quantity: z.number(),
  amount: z.number(),
  paidAmount: z.number(),
  paymentStatus: z.enum(['paid', 'partial', 'unpaid']),
  receivable: z.number(),
  dueOn: z.string().nullable(),
  /** Days past the due day with money still owed (0 when paid or not yet due). */
  overdueDays: z.number(),
  /** The after-sales follow-up case this purchase started, once it has. */
  followUpCaseId: z.string().nullable(),
  createdAt: z.string(),
});
export type Purchase = z.infer<typeof purchaseSchema>;

/** What credit grading reads of a customer's sales and payments (客户销售记录分析表). */
export const salesSummarySchema = z.object({
  purchases: z.number(),
  totalAmount: z.number(),
  paidAmount: z.number(),
  receivable: z.number(),
  overdueReceivable: z.number(),
  maxOverdueDays: z.number(),
  /** Paid ÷ billed, 1 when nothing was billed. */
  paymentRate: z.number(),
  /** Sales in the last 365 days (China calendar). */
  annualSales: z.number(),
  lastPurchaseOn: z.string().nullable(),
});
export type SalesSummary = z.infer<typeof salesSummarySchema>;

export const registeredPurchaseSchema = z.object({ purchase: purchaseSchema, followUpCaseId: z.string().nullable(), created: z.boolean() });

export const importKindParamsSchema = z.object({ kind: z.enum(['products', 'fees', 'purchases']) });
export const importTemplateQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
/** The file travels as base64 in JSON: no multipart parser, and the API's JSON checks apply. */
export const importBodySchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  // 1 MB of file is at most 1,398,104 characters of base64.
  contentBase64: z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
}).strict();
export const importResultSchema = z.object({
  kind: z.string(),
  rows: z.number(),
  created: z.number(),
  existing: z.number(),
  followUpCaseIds: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;


/**
 * 客户 360. For a reader not cleared for the customer's level the card is masked and the
 * purchases, sales figures and records are withheld (empty, `masked: true`); the cases they may
 * read are listed under the masked title.
 */
/** One grade the credit-grading (or credit-anomaly) process recorded. */
export const creditGradeSchema = z.object({
  grade: z.enum(['AAA', 'AA', 'A', 'B', 'C']),
  creditLimit: z.number(),
  caseId: z.string(),
  approvedBy: z.string().nullable(),
  decidedAt: z.string(),
});
export type CreditGradeEntry = z.infer<typeof creditGradeSchema>;

export const customerOverviewSchema = z.object({
  customer: customerCardSchema,
  /** 信用等级: the newest grade the credit-grading process recorded, null = 未评定. */
  grade: z.string().nullable(),
  /** 信用等级历史, newest first (at most 20); empty for a reader not cleared. */
  creditGrades: z.array(creditGradeSchema),
  sales: salesSummarySchema.nullable(),
  purchases: z.array(purchaseSchema),
  cases: z.array(customerCaseSchema),
  records: caseRecordsSchema,
});
export type CustomerOverview = z.infer<typeof customerOverviewSchema>;
