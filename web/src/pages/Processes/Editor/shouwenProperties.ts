// A 首问 group in the properties panel for user tasks: shouwen:summary, what an approver sees above
// the outcome buttons. The panel renders with its own bundled preact, so the entry is built with
// that preact's `h` (no JSX here: the console's JSX is React's).
import { isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { PanelElement as PickerElement } from './formLinks';
import { formPickerEntries } from './formPicker';

interface PanelElement {
  type: string;
  businessObject: { get(name: string): unknown };
}

interface Modeling {
  updateProperties(element: PanelElement, properties: Record<string, unknown>): void;
}

function SummaryEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const debounce = useService<(fn: (v: string) => void) => (v: string) => void>('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: '审批要点（shouwen:summary）',
    description: '审批页按钮上方显示的变量，逗号分隔；表单未采集的变量写作 变量:标签，如 amount:申请金额',
    getValue: () => (element.businessObject.get('shouwen:summary') as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { 'shouwen:summary': value.trim() ? value : undefined }),
    debounce,
  });
}

type Group = { id: string; label: string; entries: unknown[] };

class ShouwenPropertiesProvider {
  static $inject = ['propertiesPanel'];
  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(400, this);
  }
  getGroups(element: PanelElement) {
    return (groups: Group[]) => {
      const summary = element.type === 'bpmn:UserTask' ? [{ id: 'shouwen-summary', element, component: SummaryEntry, isEdited: isTextFieldEntryEdited }] : [];
      const entries = [...formPickerEntries(element as unknown as PickerElement), ...summary];
      if (entries.length) groups.push({ id: 'shouwen', label: '首问', entries });
      return groups;
    };
  }
}

export const ShouwenPropertiesModule = { __init__: ['shouwenPropertiesProvider'], shouwenPropertiesProvider: ['type', ShouwenPropertiesProvider] };
