import { z } from 'zod';

// Customer look-up (GET /api/customers), for starting a case.

export const customerSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  unitId: z.string(),
  confidentiality: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Customer = z.infer<typeof customerSchema>;
export const customerListSchema = z.object({ items: z.array(customerSchema) });

// 客户资料卡 maintained in the console (issue 14): create, edit, history, and the customer page.

export const CUSTOMER_TIERS = ['A', 'B', 'C', 'D'] as const;
export const CONFIDENTIALITY_LEVELS = ['public', 'internal', 'secret', 'confidential'] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional().transform((v) => (v === '' ? null : v));

/** The card's editable fields; the confidentiality level is not one of them (customer-information process). */
export const customerCardFields = {
  name: text(100).min(1),
  tier: z.enum(CUSTOMER_TIERS),
  unitId: text(64).min(1),
  contactName: optionalText(60),
  phone: optionalText(40).refine((v) => v == null || /^[0-9+\-() ]{3,40}$/.test(v), { message: 'digits, spaces, + - ( ) only' }),
  email: optionalText(200).refine((v) => v == null || /^[^@\s]+@[^@\s]+$/.test(v), { message: 'not an e-mail address' }),
  address: optionalText(200),
  region: optionalText(60),
  customerType: optionalText(40),
  industry: optionalText(60),
  source: optionalText(60),
  ownerId: optionalText(64),
};
export type CustomerCardField = keyof typeof customerCardFields;
export const CUSTOMER_CARD_FIELDS = Object.keys(customerCardFields) as CustomerCardField[];

// `confidentiality` is accepted by the schema only so the service can refuse it with its own code
// (customer.confidentialityByProcess) instead of a bare "unrecognized key".
export const createCustomerBodySchema = z.object({ ...customerCardFields, confidentiality: z.unknown().optional() }).strict();
export type CreateCustomerBody = z.infer<typeof createCustomerBodySchema>;
/** What a client sends (optional fields may be left out). */
export type CreateCustomerInput = z.input<typeof createCustomerBodySchema>;
export const updateCustomerBodySchema = z
  .object(Object.fromEntries(Object.entries(customerCardFields).map(([k, v]) => [k, v.optional()])) as { [K in CustomerCardField]: z.ZodOptional<(typeof customerCardFields)[K]> })
  .extend({ confidentiality: z.unknown().optional() })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

export const customerIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const customerCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  confidentiality: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  customerType: z.string().nullable(),
  industry: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  /** Hidden from this reader by the customer's level: the card shows only id, tier, unit and level. */
  masked: z.boolean(),
  /** Whether this reader may edit the card (role in the customer's unit or above, and cleared). */
  editable: z.boolean(),
});
export type CustomerCard = z.infer<typeof customerCardSchema>;

export const customerChangeSchema = z.object({
  id: z.number(),
  kind: z.enum(['created', 'updated', 'confidentiality']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  caseId: z.string().nullable(),
  at: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type CustomerChange = z.infer<typeof customerChangeSchema>;
export const customerChangeListSchema = z.object({ items: z.array(customerChangeSchema), masked: z.boolean() });

// GET /api/customers/:id/overview — 客户 360: everything about one customer on one page.
export const customerCaseSchema = z.object({
  id: z.string(),
  processKey: z.string(),
  processName: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type CustomerCase = z.infer<typeof customerCaseSchema>;
