// The 表单 entry of the 首问 group: a user task's (or a start event's) form chosen from the forms at
// hand. Built with the panel's bundled preact `h`, like shouwenProperties.ts.
import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { formIdOf, formPickerOptions, setFormId, type FormCatalog, type PanelElement, type Services } from './formLinks';

function FormPickerEntry({ element, id }: { element: PanelElement; id: string }) {
  const bpmnFactory = useService<Services['bpmnFactory']>('bpmnFactory');
  const commandStack = useService<Services['commandStack']>('commandStack');
  const catalog = useService<FormCatalog>('shouwenForms');
  const translate = useService<(s: string) => string>('translate');
  return h(SelectEntry, {
    element,
    id,
    label: translate('Form'),
    description: translate('The form this step shows; create or edit forms with the 表单 button above the diagram.'),
    getValue: () => formIdOf(element.businessObject),
    setValue: (value: string) => setFormId({ bpmnFactory, commandStack }, element, value),
    getOptions: () => formPickerOptions(catalog.forms(), formIdOf(element.businessObject), translate),
  });
}

/** The entry for the 首问 group, on the elements that can show a form. */
export function formPickerEntries(element: PanelElement): unknown[] {
  if (element.type !== 'bpmn:UserTask' && element.type !== 'bpmn:StartEvent') return [];
  return [{ id: 'shouwen-form', element, component: FormPickerEntry, isEdited: isSelectEntryEdited }];
}
