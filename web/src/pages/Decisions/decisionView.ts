import type { DecisionVersionDetail } from '../../../../contract';

export type DecisionModel = DecisionVersionDetail['model'];
export type Decision = DecisionModel['decisions'][string];

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface TryField {
  name: string;
  label: string;
}

/**
 * The variables a person types to try `decisionId`: the inputs of it and of the decisions it
 * requires whose expression is a plain variable name (a required decision's own result is not asked).
 */
export function tryFields(model: DecisionModel, decisionId: string): TryField[] {
  const fields = new Map<string, TryField>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const d: Decision | undefined = model.decisions[id];
    if (!d) return;
    d.requires.forEach(visit);
    if (d.logic.kind !== 'table') return;
    for (const input of d.logic.inputs) {
      const name = input.expression.trim();
      if (PLAIN.test(name) && !model.decisions[name] && !fields.has(name)) fields.set(name, { name, label: input.label ?? name });
    }
  };
  visit(decisionId);
  return [...fields.values()];
}

/** What a person typed, as the decision reads it: numbers as numbers, 是/否 and true/false as booleans, empty as absent. */
export function parseTryValue(raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === '是') return true;
  if (text === 'false' || text === '否') return false;
  return text;
}

/** An input entry as the table shows it: `-` (anything) as —. */
export const entryText = (entry: string): string => (entry.trim() === '-' || entry.trim() === '' ? '—' : entry);

/** An output entry as the table shows it: a plain text literal without its FEEL quotes ("AA" → AA). */
export const outputText = (entry: string): string => /^"([^"\\]*)"$/.exec(entry.trim())?.[1] ?? entry;

/** A decision's result in words: each output by its label (信用等级：AA；信用额度（元）：1000000). */
export function resultText(model: DecisionModel, decisionId: string, result: unknown): string {
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const logic = model.decisions[decisionId]?.logic;
  if (logic?.kind !== 'table' || result === null || typeof result !== 'object' || Array.isArray(result)) return show(result);
  const labels = new Map(logic.outputs.map((o) => [o.name, o.label ?? o.name]));
  return Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => `${labels.get(k) ?? k}：${show(v)}`)
    .join('；');
}
