// bpmn-moddle 10 ships element typings under `bpmn-moddle/types` but none for its entry point.
// Only what the compiler calls is declared; parsed elements stay untyped (see compile/moddle.ts).
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: unknown;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: unknown;
    warnings: ModdleWarning[];
    references: unknown[];
    elementsById: Record<string, unknown>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string | Record<string, unknown>, options?: Record<string, unknown>): Promise<ParseResult>;
  }
}
