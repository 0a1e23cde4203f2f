import type { TaskStep } from '../../../contract';

export interface SummaryItem {
  variable: string;
  label?: string;
}

const isApproval = (outcome: string | null) => outcome === 'approve' || outcome === 'reject';

/** What the engine adds to every case's variables at its start: never the subject of a decision. */
const ENGINE_VARIABLES = new Set(['businessKey', 'initiator']);

/**
 * The variables a decision is about: those the diagram names (shouwen:summary), else those the
 * steps completed since the previous approval captured (a reviewer decides on what was done since
 * the last review), else every variable the case was started with (a diagram from before
 * summaries, like the first 简单审批: its amount).
 */
export function summaryVariables(summary: readonly SummaryItem[] | undefined, steps: readonly TaskStep[], variables: Record<string, unknown>): string[] {
  if (summary?.length) return summary.map((s) => s.variable);
  const done = steps.filter((s) => s.completedAt);
  let since = 0;
  done.forEach((s, i) => {
    if (isApproval(s.outcome)) since = i + 1;
  });
  const keys = new Set(done.slice(since).flatMap((s) => Object.keys(s.data ?? {})));
  const captured = [...keys].filter((k) => k in variables);
  return captured.length ? captured : Object.keys(variables).filter((k) => !ENGINE_VARIABLES.has(k));
}

/** The labels a summary gives variables no form captures. */
export const summaryLabels = (summary: readonly SummaryItem[] | undefined): Record<string, string> =>
  Object.fromEntries((summary ?? []).filter((s) => s.label).map((s) => [s.variable, s.label!]));

/**
 * The labels every step's shouwen:summary gives, for the dictionary of the whole case (a variable
 * no form captures, like 简单审批's `amount`, is named only there); the first step naming one wins.
 */
export function modelSummaryLabels(model: unknown): Record<string, string> {
  const elements = (model as { elements?: Record<string, { summary?: SummaryItem[] }> } | undefined)?.elements ?? {};
  const out: Record<string, string> = {};
  for (const el of Object.values(elements)) for (const [k, label] of Object.entries(summaryLabels(el.summary))) out[k] ??= label;
  return out;
}
