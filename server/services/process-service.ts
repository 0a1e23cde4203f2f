import { createHash } from 'node:crypto';
import { checkDiagram } from '../../bpmn/check-diagram';
import type { FormSchema } from '../../bpmn/form-data';
import type { ModelProblem, ProcessModel } from '../../bpmn/model';
import { SERVICE_TASK_TYPES } from '../../bpmn/service-task-types';
import type { ProcessRepository, ProcessVersionRow } from '../../db/processes';

/** `warnings` (see compileBpmn) come with every outcome; they never stop a deployment. */
export type DeployResult =
  | { ok: true; created: boolean; process: ProcessVersionRow; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[]; warnings: ModelProblem[] };

/** A diagram compiled as deploy would, with the forms its version would carry. */
export type CompiledForDeploy =
  | { ok: true; model: ProcessModel; forms: Record<string, FormSchema>; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[]; warnings: ModelProblem[] };

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Runs checkDiagram: in this process (CLI, launcher), or in the API's worker threads (server/compile/). */
export type DiagramChecker = typeof checkDiagram;

/** Validation and deployment of process versions, shared by the API and the CLI. */
/**
 * `decisionIds` lists the decisions deployed here, so a business rule task naming another one is
 * refused at deploy; without it (offline) decision ids are not checked.
 */
export function createProcessService(processes: ProcessRepository, check: DiagramChecker = checkDiagram, decisionIds?: () => Promise<string[]>) {
  return {
    /** Compiles against what this installation can run (service-task types, forms, deployed processes). */
    async validate(xml: string, forms: Record<string, FormSchema> = {}) {
      const keys = await processes.keys();
      const decisions = decisionIds ? { decisionIds: await decisionIds() } : {};
      return check(xml, { taskTypes: SERVICE_TASK_TYPES, formIds: Object.keys(forms), processKeys: keys, ...decisions }, forms);
    },

    /**
     * Deploys a diagram with its forms. Forms not sent are taken from the latest version of the
     * same process, so redeploying only the XML keeps them. Identical content → the existing version.
     */
    async deploy(xml: string, sentForms: Record<string, FormSchema> | undefined, deployedBy: string | null, changeNote: string): Promise<DeployResult> {
      const compiled = await compileForDeploy(xml, sentForms);
      if (!compiled.ok) return compiled;
      const { model, forms: usedForms } = compiled;
      const hash = createHash('sha256').update(model.hash).update(canonical(usedForms)).digest('hex');
      const { created, process } = await processes.deploy({ key: model.key, name: model.name, hash, xml, model, forms: usedForms, deployedBy, changeNote });
      return { ok: true, created, process, warnings: compiled.warnings };
    },

    /** Exactly deploy's compilation, without deploying: what 试运行 plays (play-service.ts). */
    compileForDeploy,
  };

  async function compileForDeploy(xml: string, sentForms: Record<string, FormSchema> | undefined): Promise<CompiledForDeploy> {
    const first = await check(xml);
    const previous = first.ok ? await processes.get(first.model.key) : undefined;
    const forms = { ...(previous?.forms ?? {}), ...(sentForms ?? {}) };
    const keys = await processes.keys();
    const compiled = await check(
      xml,
      {
        taskTypes: SERVICE_TASK_TYPES,
        formIds: Object.keys(forms),
        // A process may call itself or one deployed before it.
        processKeys: first.ok ? [...keys, first.model.key] : keys,
        ...(decisionIds ? { decisionIds: await decisionIds() } : {}),
      },
      forms,
    );
    if (!compiled.ok) return { ok: false, problems: compiled.problems, warnings: compiled.warnings };
    const model = compiled.model;
    const usedForms = Object.fromEntries(
      Object.values(model.elements)
        .flatMap((e) => ((e.type === 'userTask' || e.type === 'startEvent') && e.formId ? [e.formId] : []))
        .sort()
        .map((id) => [id, forms[id]!]),
    );
    return { ok: true, model, forms: usedForms, warnings: compiled.warnings };
  }
}

export type ProcessService = ReturnType<typeof createProcessService>;
