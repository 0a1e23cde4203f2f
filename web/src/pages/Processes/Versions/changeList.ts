import { zh, type MessageKey } from '../../../i18n/messages';
import { elementTypeLabel } from '../../../lib/problems';
import type { ChangeKind, DiagramDiff } from './diagramDiff';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface ChangeLine {
  id: string;
  kind: ChangeKind;
  /** 人工任务「受理客户投诉」: the element by its kind and name, never its id. */
  title: string;
  /** 名称：受理投诉 → 受理客户投诉, one per changed property. */
  details: string[];
}

// The properties an owner sets, in words; anything else keeps its technical name (rare, still listed).
const PROPERTY_KEYS: Record<string, MessageKey> = {
  name: 'diff.prop.name',
  documentation: 'diff.prop.documentation',
  conditionExpression: 'diff.prop.condition',
  default: 'diff.prop.default',
  sourceRef: 'diff.prop.source',
  targetRef: 'diff.prop.target',
  eventDefinitions: 'diff.prop.event',
  loopCharacteristics: 'diff.prop.loop',
  dueWorkingDays: 'diff.prop.dueWorkingDays',
  outcomes: 'diff.prop.outcomes',
  separationOfDuties: 'diff.prop.separationOfDuties',
  summary: 'diff.prop.summary',
  candidateScope: 'diff.prop.candidateScope',
  'zeebe:AssignmentDefinition.candidateGroups': 'diff.prop.candidateGroups',
  'zeebe:AssignmentDefinition.candidateUsers': 'diff.prop.candidateUsers',
  'zeebe:AssignmentDefinition.assignee': 'diff.prop.assignee',
  'zeebe:FormDefinition.formId': 'diff.prop.form',
  'zeebe:FormDefinition.formKey': 'diff.prop.form',
  'zeebe:TaskDefinition.type': 'diff.prop.taskType',
  'zeebe:CalledElement.processId': 'diff.prop.calledProcess',
  'zeebe:CalledDecision.decisionId': 'diff.prop.decision',
};

export const propertyLabel = (property: string, t: Translate): string => {
  const key = PROPERTY_KEYS[property];
  return key && Object.hasOwn(zh, key) ? t(key) : property;
};

const MAX_VALUE = 80;
const shown = (v: string | null, t: Translate) => (v === null ? t('diff.empty') : v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v);

/** The diff as the deploy dialog and the version comparison list it: added, changed, removed. */
export function changeLines(diff: DiagramDiff, t: Translate): ChangeLine[] {
  return diff.changes.map((c) => ({
    id: c.id,
    kind: c.kind,
    title: t(c.name ? 'diff.element' : 'diff.elementUnnamed', { type: elementTypeLabel(c.type, t), name: c.name ?? '' }),
    details:
      c.kind === 'changed' && c.properties.length === 0
        ? [t('diff.otherChange')]
        : c.properties.map((p) => t('diff.property', { property: propertyLabel(p.property, t), before: shown(p.before, t), after: shown(p.after, t) })),
  }));
}
