import { waitKind } from '../../../bpmn/migration-plan';
import type { ProcessElement } from '../../../bpmn/model';
import type { MigrationCaseResult, ProcessVersion } from '../../../contract';
import type { MessageKey } from '../i18n/messages';
import { elementText } from './problems';

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

/**
 * A refusal in words: the code's message with the elements by name, else by kind (未命名的人工任务),
 * never by id (the planner's own `params` name an element by its id when it has no name); an
 * unknown code keeps the server's text.
 */
export function migrationProblemText(p: Problem, t: Translate): string {
  const key = PROBLEM_KEYS[p.code];
  if (!key) return p.message;
  const element = p.elementId ? elementText({ elementId: p.elementId, elementType: p.elementType, elementName: p.elementName }, t) : '';
  const target = p.targetName !== undefined || p.targetType ? elementText({ elementId: '-', elementType: p.targetType, elementName: p.targetName }, t) : '';
  return t(key, { element, target, version: p.params.version ?? '' });
}

/** A step a case moves from or to: by name, else by kind; never by id. */
export const moveStepText = (id: string, name: string | null, type: string | undefined, t: Translate): string => elementText({ elementId: id, elementType: type, elementName: name }, t);

/** Elements an unmapped one may go to: the same kind of wait, at process level (the planner's own rule). */
export function mappingChoices(version: ProcessVersion | undefined, sourceKind: string | null, t: Translate): Array<{ value: string; label: string }> {
  if (!version || !sourceKind) return [];
  return Object.values(version.model.elements)
    .filter((el) => waitKind(el as ProcessElement) === sourceKind)
    .map((el) => ({ value: el.id, label: elementText({ elementId: el.id, elementType: el.type, elementName: el.name }, t) }));
}

/** The elements the refusals say need a mapping: unmapped or mapped to something missing. */
export function elementsToMap(results: readonly MigrationCaseResult[], t: Translate): Array<{ elementId: string; name: string }> {
  const out = new Map<string, string>();
  for (const r of results) {
    for (const p of r.problems) {
      if ((p.code === 'migration.unmapped' || p.code === 'migration.targetMissing' || p.code === 'migration.typeMismatch') && p.elementId) out.set(p.elementId, elementText({ elementId: p.elementId, elementType: p.elementType, elementName: p.elementName }, t));
    }
  }
  return [...out].map(([elementId, name]) => ({ elementId, name }));
}
