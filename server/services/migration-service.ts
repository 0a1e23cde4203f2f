import { WorkflowNotFoundError, WorkflowUpdateFailedError, type ApplicationFailure } from '@temporalio/client';
import { checkCaseMigration, type MigrationMove, type MigrationProblem } from '../../bpmn/migration-plan';
import type { ProcessModel } from '../../bpmn/model';
import type { MigrationCaseResult, MigrationReport } from '../../contract';
import type { CaseRepository } from '../../db/cases';
import type { ProcessRepository, ProcessVersionDetail } from '../../db/processes';
import type { SessionUser } from '../../db/users';
import { migrateCaseUpdate } from '../../workflows/bpmn/messages';
import { notFound } from '../http/problem';
import type { TemporalAccess } from '../temporal/client';
import { queryCaseState } from '../temporal/case-state';

// Process instance migration (issue 18 item 7). The dry run and the workflow's Update use the same
// check (bpmn/migration-plan.ts), on the state the case reports: what the dry run promises is what
// the case does, and a case whose state changed in between is refused by the Update, not moved
// half-way. Each case is moved on its own; one refusal does not stop the others.

const PROJECTION_WAIT_MS = 10_000;

export interface MigrationInput {
  targetVersion: number;
  caseIds: string[];
  mapping: Record<string, string>;
  dryRun: boolean;
  note?: string | undefined;
}

export function createMigrationService(deps: { temporal: TemporalAccess; processes: ProcessRepository; cases: CaseRepository }) {
  const { temporal, processes, cases } = deps;
  type Versions = (v: number) => Promise<ProcessVersionDetail | undefined>;
  /** The request's versions, each read once (versions never change once deployed). */
  const versionsOf = (key: string): Versions => {
    const read = new Map<number, Promise<ProcessVersionDetail | undefined>>();
    return (v) => {
      if (!read.has(v)) read.set(v, processes.get(key, v));
      return read.get(v)!;
    };
  };

  const named = (model: ProcessModel | undefined, id: string) => (id && model?.elements[id]?.name) || null;
  const typed = <K extends string>(key: K, model: ProcessModel | undefined, id: string) => {
    const type = id ? model?.elements[id]?.type : undefined;
    return type ? ({ [key]: type } as Record<K, string>) : {};
  };
  const describeMoves = (moves: readonly MigrationMove[], source: ProcessModel, target: ProcessModel) =>
    moves.map((m) => ({ from: m.from, fromName: named(source, m.from), ...typed('fromType', source, m.from), to: m.to, toName: named(target, m.to), ...typed('toType', target, m.to) }));
  const describeProblems = (problems: readonly MigrationProblem[], source: ProcessModel | undefined, target?: ProcessModel, mapping: Record<string, string> = {}) =>
    problems.map((p) => {
      const to = (p.elementId && mapping[p.elementId]) || p.elementId;
      const inTarget = Boolean(to && target?.elements[to]);
      return { ...p, elementName: named(source, p.elementId), ...typed('elementType', source, p.elementId), ...(inTarget && { targetName: named(target, to), ...typed('targetType', target, to) }) };
    });
  const refused = (caseId: string, businessKey: string | null, fromVersion: number | null, problems: MigrationCaseResult['problems']): MigrationCaseResult => ({
    caseId,
    businessKey,
    fromVersion,
    outcome: 'refused',
    undo: false,
    moves: [],
    problems,
  });
  const caseProblem = (code: string, message: string, params: Record<string, string> = {}) => [{ elementId: '', elementName: null, code, message, params }];

  /** Waits until the new run has written the case's new version (its first step), so the answer matches what a reader sees next. */
  async function projected(caseId: string, toVersion: number): Promise<void> {
    const deadline = Date.now() + PROJECTION_WAIT_MS;
    while (Date.now() < deadline) {
      if ((await cases.findById(caseId))?.processVersion === toVersion) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function one(user: SessionUser, key: string, version: Versions, target: ProcessVersionDetail, caseId: string, input: MigrationInput): Promise<MigrationCaseResult> {
    const found = await cases.findById(caseId);
    // A case the owner may not read is answered exactly like one that does not exist.
    if (!found || found.processKey !== key || !(await cases.mayRead(user, caseId))) {
      return refused(caseId, null, null, caseProblem('case.notFound', `No case ${caseId} of process ${key}.`, { caseId }));
    }
    const source = await version(found.processVersion);
    let state;
    try {
      state = await queryCaseState(temporal.client.workflow.getHandle(caseId), { timeoutMs: temporal.stateQueryTimeoutMs });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      return refused(caseId, found.businessKey, found.processVersion, caseProblem('migration.notRunning', 'The case is not running.'));
    }
    if (!source) return refused(caseId, found.businessKey, found.processVersion, caseProblem('migration.sourceMissing', `Version ${found.processVersion} is not deployed.`));
    const plan = checkCaseMigration(
      {
        status: state.status,
        processVersion: state.processVersion,
        quiescent: state.quiescent === true,
        activeElements: state.activeElements,
        undoable: state.undoableMigration,
      },
      source.model,
      target.model,
      target.version,
      input.mapping,
    );
    if (!plan.ok) return refused(caseId, found.businessKey, state.processVersion, describeProblems(plan.problems, source.model, target.model, input.mapping));
    const result: MigrationCaseResult = {
      caseId,
      businessKey: found.businessKey,
      fromVersion: state.processVersion,
      outcome: 'ready',
      undo: plan.undo === true,
      moves: describeMoves(plan.moves, source.model, target.model),
      problems: [],
    };
    if (input.dryRun) return result;
    try {
      await temporal.client.workflow.getHandle(caseId).executeUpdate(migrateCaseUpdate, {
        args: [{ model: target.model, forms: target.forms, processVersion: target.version, mapping: input.mapping, actorId: user.id, ...(input.note && { note: input.note }) }],
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return refused(caseId, found.businessKey, state.processVersion, caseProblem('migration.notRunning', 'The case is not running.'));
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      const cause = err.cause as ApplicationFailure | undefined;
      const problems = (cause?.details?.[0] as MigrationProblem[] | undefined) ?? [];
      return refused(caseId, found.businessKey, state.processVersion, problems.length ? describeProblems(problems, source.model, target.model, input.mapping) : caseProblem('migration.refused', cause?.message ?? err.message));
    }
    await projected(caseId, target.version);
    return { ...result, outcome: 'migrated' };
  }

  return {
    async migrate(user: SessionUser, key: string, input: MigrationInput): Promise<MigrationReport> {
      const version = versionsOf(key);
      const target = await version(input.targetVersion);
      if (!target) throw notFound(`Process ${key} has no version ${input.targetVersion}.`, { code: 'process.noVersion', params: { processKey: key, version: input.targetVersion } });
      const results: MigrationCaseResult[] = [];
      // One at a time: each is a few round trips, and the order of the answer is the order asked.
      for (const caseId of [...new Set(input.caseIds)]) results.push(await one(user, key, version, target, caseId, input));
      return { dryRun: input.dryRun, processKey: key, targetVersion: target.version, results };
    },
  };
}

export type MigrationService = ReturnType<typeof createMigrationService>;
