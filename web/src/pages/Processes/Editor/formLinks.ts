// How a step names its form in the diagram (zeebe:formDefinition formId, the older formKey), read and
// written where the compiler reads it (bpmn/compiler/map-tasks.ts formOf). Plain moddle values, no
// panel: tested without a browser.
import type { FormUse } from './diagramForms';

export interface Moddle {
  $type: string;
  get(name: string): unknown;
}

export interface PanelElement {
  id: string;
  type: string;
  businessObject: Moddle & { id: string; name?: string };
}

/** A form the picker offers: its id (what the diagram stores) and its name as the owner knows it. */
export interface CatalogForm {
  id: string;
  /** Form-js schemas carry no title: the editor names a form by the steps that show it (diagramForms formLabel). */
  name: string;
}

/** What the form picker lists; the editor page keeps it current (a form created in the drawer shows up at once). */
export interface FormCatalog {
  forms(): CatalogForm[];
}

type Command = { cmd: string; context: Record<string, unknown> };

const formDefinitionOf = (bo: Moddle): Moddle | undefined =>
  ((bo.get('extensionElements') as Moddle | undefined)?.get('values') as Moddle[] | undefined)?.find((v) => v.$type === 'zeebe:FormDefinition');

/** The form a step names: formId, or formKey as the compiler also accepts. */
export function formIdOf(bo: Moddle): string {
  const def = formDefinitionOf(bo);
  return (((def?.get('formId') as string | undefined) || (def?.get('formKey') as string | undefined)) ?? '').trim();
}

/** The steps of the diagram that name a form. */
export function formUsesOf(elements: readonly { type: string; businessObject?: PanelElement['businessObject'] }[]): FormUse[] {
  return elements.flatMap((e) => {
    if ((e.type !== 'bpmn:UserTask' && e.type !== 'bpmn:StartEvent') || !e.businessObject) return [];
    const formId = formIdOf(e.businessObject);
    return formId ? [{ elementId: e.businessObject.id, elementType: e.type === 'bpmn:UserTask' ? 'userTask' : 'startEvent', name: e.businessObject.name ?? '', formId }] : [];
  });
}

/**
 * The picker's choices: none, then every form at hand by name (the id after it, as the hint that
 * tells apart two forms no step shows yet), in name order; a form the step names but that is gone
 * stays listed, said to be missing.
 */
export function formPickerOptions(forms: readonly CatalogForm[], current: string, t: (s: string, replacements?: Record<string, string>) => string): { value: string; label: string }[] {
  const byId = new Map(forms.map((f) => [f.id, f]));
  const known = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  const options = [{ value: '', label: t('<none>') }, ...known.map((f) => ({ value: f.id, label: t('{name} ({id})', { name: f.name, id: f.id }) }))];
  if (current && !byId.has(current)) options.push({ value: current, label: t('Form not found: {id}', { id: current }) });
  return options;
}

export interface Services {
  bpmnFactory: { create(type: string, props: Record<string, unknown>): Moddle & { $parent?: unknown } };
  commandStack: { execute(cmd: string, commands: Command[]): void };
}

const update = (element: PanelElement, moddleElement: unknown, properties: Record<string, unknown>): Command => ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

/**
 * Links the step to `formId` (one undoable change), or unlinks it for ''. The formKey spelling is
 * dropped so the compiler reads the new id, not a stale key.
 */
export function setFormId(services: Services, element: PanelElement, formId: string): void {
  const bo = element.businessObject;
  const commands: Command[] = [];
  let ext = bo.get('extensionElements') as (Moddle & { $parent?: unknown }) | undefined;
  const existing = formDefinitionOf(bo);
  if (!formId) {
    if (ext && existing) commands.push(update(element, ext, { values: (ext.get('values') as Moddle[]).filter((v) => v !== existing) }));
  } else if (existing) {
    commands.push(update(element, existing, { formId, formKey: undefined }));
  } else {
    if (!ext) {
      ext = services.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      ext.$parent = bo;
      commands.push(update(element, bo, { extensionElements: ext }));
    }
    const def = services.bpmnFactory.create('zeebe:FormDefinition', { formId });
    def.$parent = ext;
    commands.push(update(element, ext, { values: [...(ext.get('values') as Moddle[]), def] }));
  }
  if (commands.length) services.commandStack.execute('properties-panel.multi-command-executor', commands);
}
