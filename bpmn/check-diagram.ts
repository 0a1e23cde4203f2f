import { compileBpmn, type CompileOptions, type CompileResult } from './compile';
import type { FormSchema } from './form-data';
import { formPatternProblems } from './form-patterns';

/**
 * What validate and deploy decide on: the diagram compiled against `options`, then the format
 * patterns of the `forms` its user tasks name. Plain data in and out, so that the API can run it
 * in a worker thread (server/compile/) and the CLI in its own process, with one result.
 */
export async function checkDiagram(xml: string, options: CompileOptions = {}, forms?: Record<string, FormSchema>): Promise<CompileResult> {
  const compiled = await compileBpmn(xml, options);
  if (!compiled.ok || !forms) return compiled;
  const problems = formPatternProblems(compiled.model, forms);
  return problems.length ? { ok: false, problems, warnings: compiled.warnings } : compiled;
}
