// The properties panel entries the 首问 task settings use (shouwenTaskProperties.ts), besides the text field.
declare module '@bpmn-io/properties-panel' {
  import type { FunctionComponent } from '@bpmn-io/properties-panel/preact';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entries take many optional props
  export const CheckboxEntry: FunctionComponent<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entries take many optional props
  export const SelectEntry: FunctionComponent<any>;
  export function isCheckboxEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
}
