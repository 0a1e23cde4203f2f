// bpmn-io packages without their own type declarations; the console only passes their modules to bpmn-js.
declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const ZeebePropertiesProviderModule: ModuleDeclaration;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  import type { ModuleDeclaration } from 'didi';
  const behaviors: ModuleDeclaration;
  export default behaviors;
}

declare module 'bpmn-js-properties-panel' {
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { FunctionComponent } from '@bpmn-io/properties-panel/preact';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entry takes many optional props
  export const TextFieldEntry: FunctionComponent<any>;
  export function isTextFieldEntryEdited(node: unknown): boolean;
}

declare module '@bpmn-io/properties-panel' {
  import type { FunctionComponent } from '@bpmn-io/properties-panel/preact';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entry takes many optional props
  export const SelectEntry: FunctionComponent<any>;
  export function isSelectEntryEdited(node: unknown): boolean;
}
