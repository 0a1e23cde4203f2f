import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileDmn } from '../../bpmn/dmn/compile';
import type { ModelProblem } from '../../bpmn/model';
import type { DecisionRepository, DecisionVersionRow } from '../../db/decisions';

/** `warnings` (see compileDmn) come with every outcome; they never stop a deployment. */
export type DecisionDeployResult =
  | { ok: true; created: boolean; decision: DecisionVersionRow; proposalCaseId?: string; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[]; warnings: ModelProblem[] };

const DECISIONS_DIR = fileURLToPath(new URL('../../bpmn/decisions/', import.meta.url));

/** Validation and deployment of DMN files, shared by the API, the CLI and the launcher. */
export function createDecisionService(decisions: DecisionRepository) {
  return {
    async validate(xml: string): Promise<{ ok: boolean; problems: ModelProblem[]; warnings: ModelProblem[] }> {
      const r = await compileDmn(xml);
      return { ok: r.ok, problems: r.problems, warnings: r.warnings };
    },

    /** Identical content → the existing version; otherwise a new version under the definitions id. */
    async deploy(xml: string, deployedBy: string | null): Promise<DecisionDeployResult> {
      const r = await compileDmn(xml);
      if (!r.ok) return { ok: false, problems: r.problems, warnings: r.warnings };
      const { created, decision, proposalCaseId } = await decisions.deploy({ xml, model: r.model, deployedBy });
      return { ok: true, created, decision, ...(proposalCaseId ? { proposalCaseId } : {}), warnings: r.warnings };
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;

/** Deploys the DMN files shipped in bpmn/decisions/ (idempotent), before the diagrams that use them. */
export async function deployShippedDecisions(service: DecisionService, dir = DECISIONS_DIR): Promise<Array<{ file: string; key: string; version: number; created: boolean }>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.dmn')).sort();
  const done = [];
  for (const file of files) {
    const r = await service.deploy(await readFile(`${dir}/${file}`, 'utf8'), null);
    if (!r.ok) throw new Error(`Shipped decisions do not compile:\n${file}:\n${r.problems.map((p) => `  ${p.elementId || '-'}: ${p.message}`).join('\n')}`);
    done.push({ file, key: r.decision.key, version: r.decision.version, created: r.created });
  }
  return done;
}
