import type { ProcessElement } from '../model';

/** What a mapper produces for one element: everything but the fields the scope walker fills in. */
export type ElementBody = ProcessElement extends infer T
  ? T extends unknown
    ? Omit<T, 'id' | 'name' | 'parentId' | 'incoming' | 'outgoing'>
    : never
  : never;

/** Any flow node, supported or not, as the graph checks see it. */
export interface GraphNode {
  readonly id: string;
  /** `userTask`, `manualTask`, … (see moddle.typeName). */
  readonly type: string;
  readonly name?: string;
  readonly parentId?: string;
  /** Host of a boundary event. */
  readonly attachedTo?: string;
  /** Start events of any kind, so an unsupported one does not also make its successors unreachable. */
  readonly isStart: boolean;
  /** A subProcess with triggeredByEvent: entered by its start event's trigger, never by a flow. */
  readonly eventSubProcess?: boolean;
}

export interface GraphFlow {
  readonly id: string;
  readonly name?: string;
  readonly source?: string;
  readonly target?: string;
  readonly condition?: string;
}
