import { waitKind } from '../../../bpmn/migration-plan';
import type { ProcessElement } from '../../../bpmn/model';
import type { MigrationCaseResult, ProcessVersion } from '../../../contract';
import type { MessageKey } from '../i18n/messages';

// The migration card's logic, apart from React: what each refusal says in the reader's language,
// and which target elements an active element may be mapped to (those that wait the same way).

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Problem = MigrationCaseResult['problems'][number];

const PROBLEM_KEYS: Record<string, MessageKey> = {
  'migration.notRunning': 'migration.problem.notRunning',
  'migration.sameVersion': 'migration.problem.sameVersion',
  'migration.backwards': 'migration.problem.backwards',
  'migration.caseBusy': 'migration.problem.caseBusy',
  'migration.unmapped': 'migration.problem.unmapped',
  'migration.targetMissing': 'migration.problem.targetMissing',
  'migration.typeMismatch': 'migration.problem.typeMismatch',
  'migration.notMigratable': 'migration.problem.notMigratable',
  'migration.sourceMissing': 'migration.problem.sourceMissing',
  'case.notFound': 'migration.problem.caseNotFound',
};

/** A refusal in words: the code's message with the elements by name; an unknown code keeps the server's text. */
export function migrationProblemText(p: Problem, t: Translate): string {
  const key = PROBLEM_KEYS[p.code];
  if (!key) return p.message;
  return t(key, { element: p.params.element ?? p.elementName ?? p.elementId, target: p.params.target ?? '', version: p.params.version ?? '' });
}

/** Elements an unmapped one may go to: the same kind of wait, at process level (the planner's own rule). */
export function mappingChoices(version: ProcessVersion | undefined, sourceKind: string | null): Array<{ value: string; label: string }> {
  if (!version || !sourceKind) return [];
  return Object.values(version.model.elements)
    .filter((el) => waitKind(el as ProcessElement) === sourceKind)
    .map((el) => ({ value: el.id, label: el.name ? `${el.name}` : el.id }));
}

/** The elements the refusals say need a mapping: unmapped or mapped to something missing. */
export function elementsToMap(results: readonly MigrationCaseResult[]): Array<{ elementId: string; name: string }> {
  const out = new Map<string, string>();
  for (const r of results) for (const p of r.problems) if ((p.code === 'migration.unmapped' || p.code === 'migration.targetMissing' || p.code === 'migration.typeMismatch') && p.elementId) out.set(p.elementId, p.elementName ?? p.elementId);
  return [...out].map(([elementId, name]) => ({ elementId, name }));
}
