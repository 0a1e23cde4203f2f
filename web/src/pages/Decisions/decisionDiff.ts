import type { Decision, DecisionModel } from './decisionView';

// What a proposed version of a decision file changes against the version in force, rule by rule,
// so the 客服经理 approving it reads the change rather than two whole tables. Rules and columns are
// matched by their ids (the editor keeps them when a cell is edited; a new row gets a new id), so a
// reordered table shows no changed cells, only what was really edited.

export interface CellChange {
  /** The column as the table heads it: its label, else its expression / output name. */
  column: string;
  side: 'input' | 'output' | 'description';
  before: string;
  after: string;
}

export interface RuleChange {
  ruleId: string;
  kind: 'added' | 'removed' | 'changed';
  /** 1-based row number: in the new table, or in the old one for a removed rule. */
  index: number;
  /** For an added or removed rule every non-empty cell; for a changed one only the cells that differ. */
  cells: CellChange[];
}

export interface DecisionChange {
  decisionId: string;
  /** The decision's name; empty when it has none (the console then says 未命名的决策, never the id). */
  name: string;
  kind: 'added' | 'removed' | 'changed';
  hitPolicy?: { before: string; after: string };
  formula?: { before: string; after: string };
  columnsAdded: string[];
  columnsRemoved: string[];
  rules: RuleChange[];
}

type Table = Extract<Decision['logic'], { kind: 'table' }>;
interface Column {
  id: string;
  title: string;
  side: 'input' | 'output';
  /** Position of the column's entry in a rule's inputEntries / outputEntries. */
  at: number;
}

const columnsOf = (t: Table | undefined): Column[] =>
  t
    ? [
        ...t.inputs.map((c, at) => ({ id: c.id, title: c.label ?? c.expression, side: 'input' as const, at })),
        ...t.outputs.map((c, at) => ({ id: c.id, title: c.label ?? c.name, side: 'output' as const, at })),
      ]
    : [];

type Rule = Table['rules'][number];
const cellOf = (rule: Rule | undefined, col: Column | undefined) => (rule && col ? ((col.side === 'input' ? rule.inputEntries : rule.outputEntries)[col.at] ?? '').trim() : '');
const tableOf = (d: Decision | undefined): Table | undefined => (d?.logic.kind === 'table' ? d.logic : undefined);
const formulaOf = (d: Decision | undefined) => (d?.logic.kind === 'literal' ? d.logic.expression : '');

function ruleCells(before: Rule | undefined, after: Rule | undefined, oldCols: Map<string, Column>, newCols: Map<string, Column>): CellChange[] {
  const ids = [...new Set([...newCols.keys(), ...oldCols.keys()])];
  const cells: CellChange[] = [];
  for (const id of ids) {
    const oc = oldCols.get(id);
    const nc = newCols.get(id);
    const b = cellOf(before, oc);
    const a = cellOf(after, nc);
    if (a !== b) cells.push({ column: (nc ?? oc)!.title, side: (nc ?? oc)!.side, before: b, after: a });
  }
  const db = before?.description?.trim() ?? '';
  const da = after?.description?.trim() ?? '';
  if (da !== db) cells.push({ column: '', side: 'description', before: db, after: da });
  return cells;
}

function diffDecision(before: Decision | undefined, after: Decision | undefined): DecisionChange | undefined {
  const d = (after ?? before)!;
  const oldT = tableOf(before);
  const newT = tableOf(after);
  const oldCols = new Map(columnsOf(oldT).map((c) => [c.id, c]));
  const newCols = new Map(columnsOf(newT).map((c) => [c.id, c]));
  const change: DecisionChange = {
    decisionId: d.id,
    name: after?.name ?? before?.name ?? '',
    kind: !before ? 'added' : !after ? 'removed' : 'changed',
    columnsAdded: before ? [...newCols.values()].filter((c) => !oldCols.has(c.id)).map((c) => c.title) : [],
    columnsRemoved: after ? [...oldCols.values()].filter((c) => !newCols.has(c.id)).map((c) => c.title) : [],
    rules: [],
  };
  if (before && after && (oldT?.hitPolicy ?? '') !== (newT?.hitPolicy ?? '') && oldT && newT) change.hitPolicy = { before: oldT.hitPolicy, after: newT.hitPolicy };
  if (formulaOf(before) !== formulaOf(after)) change.formula = { before: formulaOf(before), after: formulaOf(after) };
  const oldRules = new Map((oldT?.rules ?? []).map((r, i) => [r.id, { r, i }]));
  const newIds = new Set((newT?.rules ?? []).map((r) => r.id));
  (newT?.rules ?? []).forEach((r, i) => {
    const old = oldRules.get(r.id);
    const cells = ruleCells(old?.r, r, oldCols, newCols);
    if (!old) change.rules.push({ ruleId: r.id, kind: 'added', index: i + 1, cells });
    else if (cells.length) change.rules.push({ ruleId: r.id, kind: 'changed', index: i + 1, cells });
  });
  for (const { r, i } of oldRules.values()) {
    if (!newIds.has(r.id)) change.rules.push({ ruleId: r.id, kind: 'removed', index: i + 1, cells: ruleCells(r, undefined, oldCols, newCols) });
  }
  const unchanged = change.kind === 'changed' && !change.hitPolicy && !change.formula && !change.columnsAdded.length && !change.columnsRemoved.length && !change.rules.length;
  return unchanged ? undefined : change;
}

/** The decisions of `after` that differ from `before` (no `before`: everything is new). Unchanged decisions are left out. */
export function diffDecisionModels(before: DecisionModel | undefined, after: DecisionModel): DecisionChange[] {
  const ids = [...new Set([...Object.keys(after.decisions), ...Object.keys(before?.decisions ?? {})])];
  return ids.flatMap((id) => diffDecision(before?.decisions[id], after.decisions[id]) ?? []);
}

/** The decision file version a decision-change case reviews (its start variables), so its steps show the diff. */
export function decisionUnderReview(processKey: string, variables: Record<string, unknown>): { key: string; version: number } | undefined {
  const { decisionKey, decisionVersion } = variables;
  return processKey === 'decision-change' && typeof decisionKey === 'string' && typeof decisionVersion === 'number' ? { key: decisionKey, version: decisionVersion } : undefined;
}
