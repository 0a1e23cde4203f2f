import { ownProcessName } from '../contract/process-names';
import { compileBpmn, type CompileOptions, type CompileResult } from './compile';
import type { FormSchema } from './form-data';
import { formPatternProblems } from './form-patterns';
import type { ModelProblem } from './model';

/**
 * What validate and deploy decide on: the diagram compiled against `options`, then the format
 * patterns of the `forms` its user tasks name. Plain data in and out, so that the API can run it
 * in a worker thread (server/compile/) and the CLI in its own process, with one result.
 */
export async function checkDiagram(xml: string, options: CompileOptions = {}, forms?: Record<string, FormSchema>): Promise<CompileResult> {
  const compiled = await compileBpmn(xml, options);
  if (!compiled.ok) return compiled;
  const checked = { ...compiled, warnings: [...compiled.warnings, ...nameWarnings(compiled.model)] };
  if (!forms) return checked;
  const { problems, warnings } = formPatternProblems(compiled.model, forms);
  const all = [...checked.warnings, ...warnings];
  return problems.length ? { ok: false, problems, warnings: all } : { ...checked, warnings: all };
}

/**
 * A process without a name of its own deploys, but shows as 未命名流程（key） wherever it is listed
 * (contract/process-names.ts): its owner hears so when checking and deploying it. Said here, not by
 * the compiler, whose many test diagrams are unnamed on purpose. A problem of the whole file
 * (no element id), so the line reads without an element before it.
 */
function nameWarnings(model: { key: string; name: string }): ModelProblem[] {
  if (ownProcessName(model.key, model.name)) return [];
  return [{ elementId: '', elementType: 'process', code: 'bpmn.process.noName', params: { key: model.key }, message: `The process has no name: lists, cases and reports show it as “Unnamed process (${model.key})”. Name it in the process properties.` }];
}
