// bpmn-js-differ ships no type declarations; only what the console's diff reads.
declare module 'bpmn-js-differ' {
  interface DiffedElement {
    $type: string;
    id: string;
  }
  export interface DiffResult {
    _added: Record<string, DiffedElement>;
    _removed: Record<string, DiffedElement>;
    _changed: Record<string, { model: DiffedElement; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, DiffedElement>;
  }
  export function diff(oldDefinitions: object, newDefinitions: object): DiffResult;
}
