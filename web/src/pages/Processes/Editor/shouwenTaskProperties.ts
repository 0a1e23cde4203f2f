// 首问任务设置 in the properties panel: for user tasks the assignee picked from the people by name,
// outcomes, separation of duties, N 个工作日, the candidate group chosen from the org roles, its scope and department (FEEL), each checked as typed (shouwenTaskRules.ts) with the
// rules the compiler applies at validate; for service tasks the type, from the shipped list. Built with the panel's own preact `h` (see shouwenProperties.ts).
import { CheckboxEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { serviceTypeOptions } from './serviceTaskLabels';
import { feelProblem } from './feelCheck';
import { assigneeOptions, candidateScopeOptions, dueDaysProblem, dueDaysValue, outcomesProblem, roleOptions, type Person } from './shouwenTaskRules';

interface Moddle {
  $type: string;
  get(name: string): unknown;
}
interface PanelElement {
  type: string;
  businessObject: Moddle;
}
interface Modeling {
  updateProperties(element: PanelElement, properties: Record<string, unknown>): void;
  updateModdleProperties(element: PanelElement, target: Moddle, properties: Record<string, unknown>): void;
}
interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): Moddle;
}
type Debounce = (fn: (v: string) => void) => (v: string) => void;

const attr = (element: PanelElement, name: string) => element.businessObject.get(`shouwen:${name}`);

function OutcomesEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(TextFieldEntry, {
    element,
    id,
    label: '结果按钮（shouwen:outcomes）',
    description: '逗号分隔，如 approve,reject（同意、驳回）；留空为“完成”',
    getValue: () => (attr(element, 'outcomes') as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { 'shouwen:outcomes': value.trim() ? value.split(',').map((s) => s.trim()).join(',') : undefined }),
    validate: outcomesProblem,
    debounce: useService<Debounce>('debounceInput'),
  });
}

function SeparationEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(CheckboxEntry, {
    element,
    id,
    label: '职责分离：发起人和前面步骤的办理人不能办理此步骤',
    getValue: () => attr(element, 'separationOfDuties') === true,
    setValue: (value: boolean) => modeling.updateProperties(element, { 'shouwen:separationOfDuties': value || undefined }),
  });
}

function DueDaysEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(TextFieldEntry, {
    element,
    id,
    label: '期限（N 个工作日，shouwen:dueWorkingDays）',
    description: '按工作日历计算，节假日不计；留空为不设期限',
    getValue: () => String(attr(element, 'dueWorkingDays') ?? ''),
    // An invalid value stays in the field with its message and leaves the diagram as it was.
    setValue: (value: string) => {
      if (dueDaysProblem(value)) return;
      modeling.updateProperties(element, { 'shouwen:dueWorkingDays': dueDaysValue(value) });
    },
    validate: dueDaysProblem,
    debounce: useService<Debounce>('debounceInput'),
  });
}

const extensionOf = (bo: Moddle, type: string) => ((bo.get('extensionElements') as Moddle | undefined)?.get('values') as Moddle[] | undefined)?.find((v) => v.$type === type);

/** The element's zeebe extension of `type`, created (with the extension elements) when missing, as one undoable change each. */
function ensureExtension(element: PanelElement, type: string, modeling: Modeling, factory: BpmnFactory): Moddle {
  const bo = element.businessObject;
  let ext = bo.get('extensionElements') as Moddle | undefined;
  if (!ext) {
    ext = factory.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(element, { extensionElements: ext });
  }
  let found = extensionOf(bo, type);
  if (!found) {
    found = factory.create(type, {});
    modeling.updateModdleProperties(element, ext, { values: [...(ext.get('values') as Moddle[]), found] });
  }
  return found;
}

function ServiceTypeEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const current = () => (extensionOf(element.businessObject, 'zeebe:TaskDefinition')?.get('type') as string | undefined) ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: '服务类型（zeebe:taskDefinition type）',
    description: '工作进程执行的操作；未列出的类型由本单位自己的作业进程执行（外部作业）',
    getValue: current,
    getOptions: () => serviceTypeOptions(current()),
    setValue: (value: string) => modeling.updateModdleProperties(element, ensureExtension(element, 'zeebe:TaskDefinition', modeling, factory), { type: value || undefined }),
  });
}

function CandidateGroupEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const current = () => (extensionOf(element.businessObject, 'zeebe:AssignmentDefinition')?.get('candidateGroups') as string | undefined) ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: '候选角色（zeebe:candidateGroups）',
    description: '此步骤交给哪个岗位办理（按案例所属单位查找）',
    getValue: current,
    // A list of several groups written in the file stays selectable as it is.
    getOptions: () => {
      const options = roleOptions();
      const value = current();
      return value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
    },
    setValue: (value: string) => modeling.updateModdleProperties(element, ensureExtension(element, 'zeebe:AssignmentDefinition', modeling, factory), { candidateGroups: value || undefined }),
  });
}

/** The people the editor offers as assignees (`shouwenPeople`, given by the page from GET /api/processes/assignees). */
export interface PeopleCatalog {
  list(): readonly Person[];
}

function AssigneeEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const people = useService<PeopleCatalog | undefined>('shouwenPeople');
  const current = () => (extensionOf(element.businessObject, 'zeebe:AssignmentDefinition')?.get('assignee') as string | undefined) ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: '办理人（zeebe:assignee）',
    description: '直接交给此人办理；留空则交给候选角色。表达式（如 =initiator）在常规的“分配”中编写',
    getValue: current,
    getOptions: () => assigneeOptions(people?.list() ?? [], current()),
    setValue: (value: string) => modeling.updateModdleProperties(element, ensureExtension(element, 'zeebe:AssignmentDefinition', modeling, factory), { assignee: value || undefined }),
  });
}

/** Which unit's holders of the candidate role are offered the step (shouwen:candidateScope; absent = the case's unit). */
function CandidateScopeEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(SelectEntry, {
    element,
    id,
    label: '候选范围（shouwen:candidateScope）',
    description: '在哪些单位查找候选角色的人员',
    getValue: () => (attr(element, 'candidateScope') as string | undefined) ?? '',
    getOptions: () => candidateScopeOptions((attr(element, 'candidateScope') as string | undefined) ?? ''),
    setValue: (value: string) => modeling.updateProperties(element, { 'shouwen:candidateScope': value || undefined }),
  });
}

/** Only the candidate role's holders working in this department (shouwen:candidateDepartment), FEEL checked as typed. */
function CandidateDepartmentEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(TextFieldEntry, {
    element,
    id,
    label: '候选部门（shouwen:candidateDepartment）',
    description: '只交给候选角色中在此部门工作的人员：写部门名称（如 质量管理部），或以“=”开头的 FEEL 表达式（如 =responsibleDepartment）；留空为不限部门',
    getValue: () => (attr(element, 'candidateDepartment') as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { 'shouwen:candidateDepartment': value.trim() ? value.trim() : undefined }),
    validate: feelProblem,
    debounce: useService<Debounce>('debounceInput'),
  });
}

type Group = { id: string; label: string; entries: unknown[] };

/** The entries, by element: exported for the provider's unit test. */
export function shouwenTaskEntries(element: PanelElement) {
  if (element.type === 'bpmn:ServiceTask') return [{ id: 'shouwen-service-type', element, component: ServiceTypeEntry, isEdited: isSelectEntryEdited }];
  if (element.type !== 'bpmn:UserTask') return [];
  return [
    { id: 'shouwen-assignee', element, component: AssigneeEntry, isEdited: isSelectEntryEdited },
    { id: 'shouwen-candidate-group', element, component: CandidateGroupEntry, isEdited: isSelectEntryEdited },
    { id: 'shouwen-candidate-scope', element, component: CandidateScopeEntry, isEdited: isSelectEntryEdited },
    { id: 'shouwen-candidate-department', element, component: CandidateDepartmentEntry, isEdited: isTextFieldEntryEdited },
    { id: 'shouwen-outcomes', element, component: OutcomesEntry, isEdited: isTextFieldEntryEdited },
    { id: 'shouwen-separation', element, component: SeparationEntry, isEdited: isCheckboxEntryEdited },
    { id: 'shouwen-due-days', element, component: DueDaysEntry, isEdited: isTextFieldEntryEdited },
  ];
}

class ShouwenTaskPropertiesProvider {
  static $inject = ['propertiesPanel'];
  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(390, this);
  }
  getGroups(element: PanelElement) {
    return (groups: Group[]) => {
      const entries = shouwenTaskEntries(element);
      if (entries.length) groups.push({ id: 'shouwen-task', label: '首问任务设置', entries });
      return groups;
    };
  }
}

export const ShouwenTaskPropertiesModule = { __init__: ['shouwenTaskPropertiesProvider'], shouwenTaskPropertiesProvider: ['type', ShouwenTaskPropertiesProvider] };
