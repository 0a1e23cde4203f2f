import { z } from 'zod';

// A DMN file as Shouwen evaluates it: its decisions (decision tables and literal expressions)
// and what each requires, compiled from the XML once at deploy time, so an evaluation never
// parses XML. Every expression is FEEL text that has already parsed.

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;

export const decisionInputSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  /** FEEL expression whose value the rules' input entries test. */
  expression: z.string(),
});

export const decisionOutputSchema = z.object({
  id: z.string(),
  /** The output's name in the result (a context key when the table has several outputs). */
  name: z.string(),
  label: z.string().optional(),
  /** Output values in priority order (FEEL literals), for PRIORITY and OUTPUT ORDER. */
  priorities: z.array(z.string()).optional(),
  /** FEEL expression used when no rule matched. */
  defaultEntry: z.string().optional(),
});

export const decisionRuleSchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  /** One FEEL unary test per input (`-` matches anything). */
  inputEntries: z.array(z.string()),
  /** One FEEL expression per output. */
  outputEntries: z.array(z.string()),
});

export const decisionTableSchema = z.object({
  kind: z.literal('table'),
  hitPolicy: z.enum(HIT_POLICIES),
  aggregation: z.enum(AGGREGATIONS).optional(),
  inputs: z.array(decisionInputSchema),
  outputs: z.array(decisionOutputSchema).min(1),
  rules: z.array(decisionRuleSchema),
});

export const literalDecisionSchema = z.object({
  kind: z.literal('literal'),
  expression: z.string(),
});

export const decisionSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** Decisions whose results this one reads, by id (their result is a variable named by the id). */
  requires: z.array(z.string()),
  logic: z.discriminatedUnion('kind', [decisionTableSchema, literalDecisionSchema]),
});

export const decisionModelSchema = z.object({
  /** The definitions' id: the key a deployment is versioned under. */
  key: z.string(),
  name: z.string(),
  decisions: z.record(z.string(), decisionSchema),
  /** sha256 of the canonical JSON of everything above; identical content ⇒ identical hash. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type DecisionTable = z.infer<typeof decisionTableSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type DecisionModel = z.infer<typeof decisionModelSchema>;
export type HitPolicy = (typeof HIT_POLICIES)[number];
