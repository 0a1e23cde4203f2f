import { z } from 'zod';

// One search box over what a person may see: cases (业务编号, TS-/PG-/KH- numbers, titles,
// customers), customers (number, name, contact, phone) and, for those who may browse the
// directory, people. Each group holds at most `limit` hits and says whether there are more.

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const caseHitSchema = z.object({
  id: z.string(),
  businessKey: z.string(),
  /** The masked title for a case whose customer the reader is not cleared for. */
  title: z.string(),
  processKey: z.string(),
  status: z.string(),
  startedAt: z.string(),
});
export const customerHitSchema = z.object({ id: z.string(), name: z.string(), tier: z.string(), masked: z.boolean() });
/** An archive of the register (DA- number); title masked above the reader's clearance, as the register masks it. */
export const archiveHitSchema = z.object({ id: z.string(), title: z.string(), status: z.string(), masked: z.boolean() });
export const personHitSchema = z.object({ id: z.string(), displayName: z.string(), unitId: z.string() });

export const searchResultSchema = z.object({
  cases: z.object({ items: z.array(caseHitSchema), more: z.boolean() }),
  customers: z.object({ items: z.array(customerHitSchema), more: z.boolean() }),
  /** Archives of the units the reader holds a role in or above, as the register lists them. */
  archives: z.object({ items: z.array(archiveHitSchema), more: z.boolean() }),
  /** Absent for readers who may not browse the directory of people. */
  people: z.object({ items: z.array(personHitSchema), more: z.boolean() }).optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
