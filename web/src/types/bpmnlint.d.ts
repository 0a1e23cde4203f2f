// bpmnlint ships JS (CommonJS) without declarations for these entry points; only what the editor's lint uses.
declare module 'bpmnlint/lib/linter' {
  type Reporter = { report(id: string, message: string): void };
  type RuleFactory = (config?: unknown) => { check(node: unknown, reporter: Reporter): void };
  export default class Linter {
    constructor(options: { resolver: { resolveRule(pkg: string, ruleName: string): RuleFactory | undefined; resolveConfig(pkg: string, name: string): unknown } });
    lint(root: unknown, config: { rules: Record<string, string> }): Promise<Record<string, Array<{ id?: string; message: string; category: string }>>>;
  }
}
declare module 'bpmnlint/rules/end-event-required' {
  const rule: (config?: unknown) => { check(node: unknown, reporter: { report(id: string, message: string): void }): void };
  export default rule;
}
