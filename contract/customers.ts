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
