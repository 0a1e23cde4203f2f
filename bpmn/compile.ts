import { MODEL_SCHEMA_VERSION, processModelSchema, type ModelProblem, type ProcessModel, type SequenceFlow } from './model';
import { CompileContext, type CompileOptions } from './compiler/context';
import { canonicalJson, sha256Hex } from './compiler/hash';
import { mapProcess } from './compiler/map-elements';
import { idOf, str } from './compiler/moddle';
import { readProcess } from './compiler/read-xml';
import { validateGraph } from './compiler/validate-graph';

export type { CompileOptions } from './compiler/context';

/** `warnings` never stop a deployment; they come with either outcome. */
export type CompileResult =
  | { ok: true; model: ProcessModel; problems: []; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[]; warnings: ModelProblem[] };

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Compiles a BPMN 2.0 diagram in the Camunda 8 (Zeebe) dialect into the ProcessModel the
 * interpreter runs. Either the model is complete and valid, or every problem found is returned.
 */
export async function compileBpmn(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const ctx = new CompileContext(options);
  const process = await readProcess(ctx, xml);
  if (!process) return { ok: false, problems: ctx.problems, warnings: ctx.warnings };

  const key = idOf(process);
  if (!KEY.test(key)) {
    ctx.report(
      { id: key, type: 'process' },
      `Process id "${key}" cannot be used as a process key: use Latin letters, digits, "_", "." or "-", starting with a letter.`,
      { code: 'bpmn.process.badKey', params: { key } },
    );
  }
  const mapped = mapProcess(ctx, process);
  validateGraph(ctx, mapped);
  if (ctx.problems.length > 0 || mapped.startEventId === undefined) {
    return { ok: false, problems: ctx.problems, warnings: ctx.warnings };
  }

  const flows: Record<string, SequenceFlow> = {};
  for (const f of mapped.flows) {
    flows[f.id] = { id: f.id, ...(f.name && { name: f.name }), source: f.source!, target: f.target!, ...(f.condition && { condition: f.condition }) };
  }
  const draft = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    key,
    name: str(process, 'name') ?? key,
    startEventId: mapped.startEventId,
    elements: mapped.elements,
    flows,
    hash: '0'.repeat(64),
  };
  // Defensive: the mappers are typed against the schema, but the schema is the contract.
  const parsed = processModelSchema.safeParse(draft);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, problems: [{ elementId: key, elementType: 'process', message: `Internal error: the compiled model is invalid (${issues}).` }], warnings: ctx.warnings };
  }
  const model: ProcessModel = { ...parsed.data, hash: hashProcessModel(parsed.data) };
  return { ok: true, model, problems: [], warnings: ctx.warnings };
}

/** The hash compileBpmn would give this model: sha256 of its canonical JSON without `hash`. */
export function hashProcessModel(model: Omit<ProcessModel, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...content } = model;
  return sha256Hex(canonicalJson(content));
}
