// FEEL checked in the Camunda panel's own fields: the selected element's expressions are parsed
// after each change and a Chinese message is put under the field through the panel's errors
// context (`propertiesPanel.setErrors`, keyed by entry id), which wins over the FEEL editor's
// English lint text. The compiler refuses the same text at validate, naming element and field.
import { feelProblem } from './feelCheck';

interface Moddle {
  $type: string;
  get(name: string): unknown;
}
export interface FeelElement {
  id: string;
  businessObject: Moddle;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const extensions = (bo: Moddle) => ((bo.get('extensionElements') as Moddle | undefined)?.get('values') as Moddle[] | undefined) ?? [];
const extension = (bo: Moddle, type: string) => extensions(bo).find((v) => v.$type === type);

/** The panel entry id → the Chinese FEEL problem, for each FEEL field of the element that does not parse. */
export function feelFieldErrors(element: FeelElement): Record<string, string> {
  const bo = element.businessObject;
  const fields: Array<[string, string | undefined]> = [];
  const condition = bo.get('conditionExpression') as Moddle | undefined;
  if (condition) fields.push(['conditionExpression', str(condition.get('body'))]);
  const assignment = extension(bo, 'zeebe:AssignmentDefinition');
  if (assignment) {
    fields.push(['assignmentDefinitionAssignee', str(assignment.get('assignee'))]);
    fields.push(['assignmentDefinitionCandidateGroups', str(assignment.get('candidateGroups'))]);
    fields.push(['assignmentDefinitionCandidateUsers', str(assignment.get('candidateUsers'))]);
  }
  const schedule = extension(bo, 'zeebe:TaskSchedule');
  if (schedule) {
    fields.push(['taskScheduleDueDate', str(schedule.get('dueDate'))]);
    fields.push(['taskScheduleFollowUpDate', str(schedule.get('followUpDate'))]);
  }
  const script = extension(bo, 'zeebe:Script');
  if (script) fields.push(['scriptExpression', str(script.get('expression'))]);
  const io = extension(bo, 'zeebe:IoMapping');
  if (io) {
    ((io.get('inputParameters') as Moddle[] | undefined) ?? []).forEach((p, i) => fields.push([`${element.id}-input-${i}-source`, str(p.get('source'))]));
    ((io.get('outputParameters') as Moddle[] | undefined) ?? []).forEach((p, i) => fields.push([`${element.id}-output-${i}-source`, str(p.get('source'))]));
  }
  for (const definition of (bo.get('eventDefinitions') as Moddle[] | undefined) ?? []) {
    if (definition.$type !== 'bpmn:TimerEventDefinition') continue;
    const value = ['timeDuration', 'timeDate', 'timeCycle'].map((k) => definition.get(k) as Moddle | undefined).find(Boolean);
    if (value) fields.push(['timerEventDefinitionValue', str(value.get('body'))]);
  }
  fields.push(['shouwen-candidate-department', str(bo.get('shouwen:candidateDepartment'))]);
  const errors: Record<string, string> = {};
  for (const [id, value] of fields) {
    const problem = feelProblem(value);
    if (problem) errors[id] = problem;
  }
  return errors;
}

interface EventBus {
  on(event: string | string[], fn: (e: { newSelection?: FeelElement[] }) => void): void;
  fire(event: string, data: unknown): void;
}

class FeelErrors {
  static $inject = ['eventBus', 'selection'];
  constructor(eventBus: EventBus, selection: { get(): FeelElement[] }) {
    const publish = () => {
      const selected = selection.get();
      const errors = selected.length === 1 && selected[0]!.businessObject ? feelFieldErrors(selected[0]!) : {};
      eventBus.fire('propertiesPanel.setErrors', { errors });
    };
    // After the panel has re-rendered for the new element or the changed value.
    eventBus.on(['selection.changed', 'elements.changed', 'propertiesPanel.updated'], () => queueMicrotask(publish));
  }
}

export const FeelErrorsModule = { __init__: ['shouwenFeelErrors'], shouwenFeelErrors: ['type', FeelErrors] };
