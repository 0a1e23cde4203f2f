import type { ProcessElement, ProcessModel } from './model';

// Moving a running case to another version of its process (Camunda's process instance migration).
// A case moves only while every token waits at process level (continue-as-new's snapshot is exact
// then), and only to elements that wait the same way: a user task to a user task, a timer catch to
// a timer catch, a message catch to a message catch, a parallel join to a parallel join. The same
// planner answers the API's dry run and checks the Update inside the workflow, so what the dry run
// promises is what the case does.

export interface MigrationMove {
  from: string;
  to: string;
  /** The steps' names, written into the case's history with the move. */
  fromName?: string;
  toName?: string;
}

export type MigrationProblemCode =
  | 'migration.notRunning'
  | 'migration.sameVersion'
  | 'migration.backwards'
  | 'migration.caseBusy'
  | 'migration.unmapped'
  | 'migration.targetMissing'
  | 'migration.typeMismatch'
  | 'migration.notMigratable'
  | 'migration.sourceMissing';

export interface MigrationProblem {
  elementId: string;
  code: MigrationProblemCode;
  message: string;
  /** `element` and `target` by name; `kind`: how the source element waits (task, timer, message, signal, join), for choosing a mapping. */
  params: Record<string, string>;
}

export type MigrationPlan = { ok: true; moves: MigrationMove[] } | { ok: false; problems: MigrationProblem[] };

/** What the check needs to know of a running case (its state query says all of it). */
export interface MigratingCase {
  status: string;
  processVersion: number;
  /** Every token waits at process level. */
  quiescent: boolean;
  activeElements: readonly string[];
  /** The case's last move while it may be undone. */
  undoable?: { fromVersion: number; moves: readonly MigrationMove[] } | undefined;
}

const caseProblem = (code: MigrationProblemCode, message: string, params: Record<string, string> = {}): MigrationPlan => ({ ok: false, problems: [{ elementId: '', code, message, params }] });

/**
 * May this case move to `targetVersion` now, and where does each of its tokens go. A move to an
 * older version is only the undo of the last move (its moves reversed), before a step completed
 * after it. Used by the API's dry run and, unchanged, by the workflow's Update validator.
 */
export function checkCaseMigration(
  c: MigratingCase,
  source: ProcessModel,
  target: ProcessModel,
  targetVersion: number,
  mapping: Readonly<Record<string, string>> = {},
): MigrationPlan & { undo?: boolean } {
  if (c.status !== 'running') return caseProblem('migration.notRunning', 'The case is not running.');
  if (targetVersion === c.processVersion) return caseProblem('migration.sameVersion', `The case already runs version ${targetVersion}.`, { version: String(targetVersion) });
  const undo = targetVersion < c.processVersion;
  let effective = mapping;
  if (undo) {
    if (!c.undoable || c.undoable.fromVersion !== targetVersion) {
      return caseProblem('migration.backwards', `The case can go back to an older version only to undo its last move, before a step completes after it.`, { version: String(targetVersion) });
    }
    effective = { ...Object.fromEntries(c.undoable.moves.map((m) => [m.to, m.from])), ...mapping };
  }
  if (!c.quiescent) return caseProblem('migration.caseBusy', 'The case is between steps (a service task, a sub-process, a boundary event or an Update is under way); try again shortly.');
  const plan = planMigration(source, target, c.activeElements, effective);
  return plan.ok ? { ...plan, undo } : plan;
}

/** How a token waits at an element, or null where a waiting token cannot be carried over. */
export function waitKind(el: ProcessElement | undefined): 'task' | 'timer' | 'message' | 'signal' | 'join' | null {
  if (!el || el.parentId) return null;
  switch (el.type) {
    case 'userTask':
      return el.multiInstance ? null : 'task';
    case 'intermediateCatchEvent':
      return el.trigger.kind;
    case 'parallelGateway':
      return el.incoming.length > 1 ? 'join' : null;
    default:
      return null;
  }
}

const label = (el: ProcessElement | undefined, id: string) => el?.name ?? id;

/**
 * Where each active element goes in `target`: the mapping's choice, else the element with the same
 * id. Every active element must land on an element that waits the same way.
 */
export function planMigration(source: ProcessModel, target: ProcessModel, activeElements: readonly string[], mapping: Readonly<Record<string, string>> = {}): MigrationPlan {
  const problems: MigrationProblem[] = [];
  const moves: MigrationMove[] = [];
  for (const from of [...new Set(activeElements)]) {
    const src = source.elements[from];
    const kind = waitKind(src);
    if (!src) {
      problems.push({ elementId: from, code: 'migration.sourceMissing', message: `The case waits at ${from}, which its version does not have.`, params: { element: from } });
      continue;
    }
    if (!kind) {
      problems.push({ elementId: from, code: 'migration.notMigratable', message: `A case waiting at ${label(src, from)} (${src.type}) cannot be moved.`, params: { element: label(src, from) } });
      continue;
    }
    const to = mapping[from] ?? from;
    const dst = target.elements[to];
    if (!dst) {
      problems.push(
        mapping[from]
          ? { elementId: from, code: 'migration.targetMissing', message: `${label(src, from)} is mapped to ${to}, which the target version does not have.`, params: { element: label(src, from), target: to, kind } }
          : { elementId: from, code: 'migration.unmapped', message: `The target version has no ${label(src, from)} (${from}); map it to one of its elements.`, params: { element: label(src, from), kind } },
      );
      continue;
    }
    if (waitKind(dst) !== kind) {
      problems.push({
        elementId: from,
        code: 'migration.typeMismatch',
        message: `${label(src, from)} waits as a ${kind}; ${label(dst, to)} in the target version does not.`,
        params: { element: label(src, from), target: label(dst, to), kind },
      });
      continue;
    }
    moves.push({ from, to });
  }
  return problems.length ? { ok: false, problems } : { ok: true, moves };
}
