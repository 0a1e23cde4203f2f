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
}

export type MigrationProblemCode =
  | 'migration.unmapped'
  | 'migration.targetMissing'
  | 'migration.typeMismatch'
  | 'migration.notMigratable'
  | 'migration.sourceMissing';

export interface MigrationProblem {
  elementId: string;
  code: MigrationProblemCode;
  message: string;
  params: Record<string, string>;
}

export type MigrationPlan = { ok: true; moves: MigrationMove[] } | { ok: false; problems: MigrationProblem[] };

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
          ? { elementId: from, code: 'migration.targetMissing', message: `${label(src, from)} is mapped to ${to}, which the target version does not have.`, params: { element: label(src, from), target: to } }
          : { elementId: from, code: 'migration.unmapped', message: `The target version has no ${label(src, from)} (${from}); map it to one of its elements.`, params: { element: label(src, from) } },
      );
      continue;
    }
    if (waitKind(dst) !== kind) {
      problems.push({
        elementId: from,
        code: 'migration.typeMismatch',
        message: `${label(src, from)} waits as a ${kind}; ${label(dst, to)} in the target version does not.`,
        params: { element: label(src, from), target: label(dst, to) },
      });
      continue;
    }
    moves.push({ from, to });
  }
  return problems.length ? { ok: false, problems } : { ok: true, moves };
}
