// dmn-moddle 12 ships no typings. Only what the DMN compiler calls is declared; parsed elements
// stay untyped and are read through compiler/moddle.ts's accessors.
declare module 'dmn-moddle' {
  export interface DmnModdleWarning {
    message: string;
    element?: unknown;
    property?: string;
  }

  export interface DmnParseResult {
    rootElement: unknown;
    warnings: DmnModdleWarning[];
  }

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<DmnParseResult>;
  }
}
