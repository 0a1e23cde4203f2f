import { ApplicationFailure } from '@temporalio/workflow';
import type { FormSchema } from '../../../bpmn/form-data';
import { checkCaseMigration, type MigrationMove } from '../../../bpmn/migration-plan';
import type { ProcessModel, UserTaskElement } from '../../../bpmn/model';
import type { Interpreter } from '../interpreter';
import type { BpmnProcessInput, CaseMigration, MigrateCaseInput, MigrateCaseResult, ResumeSnapshot } from '../messages';

// Moving a running case to another version (the migrateCase Update). The Update only checks and
// records the wish; the case moves at the next moment every token is parked (at once, when the
// check passed), by continue-as-new: the new run starts on the target model with the snapshot's
// tokens re-pointed at the mapped elements. Nothing in the old run changes, so a refused or
// abandoned migration leaves the case exactly as it was.

export interface PendingMigration {
  input: MigrateCaseInput;
  moves: MigrationMove[];
  undo: boolean;
}

const completedTotal = (engine: Interpreter) => Object.values(engine.completedCounts).reduce((a, b) => a + b, 0);

/** The case's last move, while it may be undone: no step has completed since. */
export function undoableMigration(engine: Interpreter): CaseMigration | undefined {
  const m = engine.input.migration;
  return m && completedTotal(engine) === m.completedAtMigration ? m : undefined;
}

const refuse = (type: string, message: string, details?: unknown) => ApplicationFailure.create({ type, message, nonRetryable: true, ...(details !== undefined && { details: [details] }) });

/** The Update's validator and the last check before the move: the plan, or a refusal naming why (details: the problems). */
export function checkMigration(engine: Interpreter, input: MigrateCaseInput): PendingMigration {
  if (input.model.key !== engine.model.key) throw refuse('MigrationRefused', `the target is process ${input.model.key}, the case runs ${engine.model.key}`);
  if (engine.pendingMigration) throw refuse('MigrationRefused', 'a migration of this case is already under way', [{ elementId: '', code: 'migration.caseBusy', message: 'a migration is under way', params: {} }]);
  const state = engine.state();
  const last = undoableMigration(engine);
  const plan = checkCaseMigration(
    { status: engine.status, processVersion: engine.input.processVersion, quiescent: state.quiescent === true, activeElements: state.activeElements, undoable: last },
    engine.model,
    input.model,
    input.processVersion,
    input.mapping,
  );
  if (!plan.ok) throw refuse('MigrationRefused', plan.problems.map((p) => p.message).join(' '), plan.problems);
  return { input, moves: plan.moves, undo: plan.undo === true };
}

export function acceptMigration(engine: Interpreter, pending: PendingMigration): MigrateCaseResult {
  engine.pendingMigration = pending;
  return { fromVersion: engine.input.processVersion, toVersion: pending.input.processVersion, moves: pending.moves, undo: pending.undo };
}

/** The snapshot's tokens, open tasks and joins re-pointed at the target's elements. */
export function migrateSnapshot(snap: ResumeSnapshot, moves: MigrationMove[], target: ProcessModel, forms: Record<string, FormSchema>): ResumeSnapshot {
  const to = new Map(moves.map((m) => [m.from, m.to]));
  const moved = (id: string) => to.get(id) ?? id;
  return {
    ...snap,
    tokens: snap.tokens.map((w) => {
      const elementId = moved(w.elementId);
      if (w.kind !== 'task') return { ...w, elementId };
      // What the step is comes from the target (name, form, outcomes); who holds it and when it is due stay.
      const el = target.elements[elementId] as UserTaskElement;
      const { form: _old, ...task } = w.task;
      return {
        ...w,
        elementId,
        task: {
          ...task,
          elementId,
          name: el.name ?? elementId,
          formId: el.formId ?? null,
          outcomes: el.outcomes,
          separationOfDuties: el.separationOfDuties,
          ...(el.formId && forms[el.formId] ? { form: forms[el.formId] } : {}),
        },
      };
    }),
    joins: Object.fromEntries(Object.entries(snap.joins).map(([id, n]) => [moved(id), n])),
  };
}

const named = (field: 'fromName' | 'toName', model: ProcessModel, id: string) => {
  const name = model.elements[id]?.name;
  return name ? { [field]: name } : {};
};

/** The next run's input: the target model and forms, the moved snapshot, the move recorded for its undo and its projection. */
export function migratedInput(engine: Interpreter, pending: PendingMigration, at: string): BpmnProcessInput {
  const { input } = engine;
  const resume = migrateSnapshot(engine.snapshot(), pending.moves, pending.input.model, pending.input.forms);
  return {
    ...input,
    model: pending.input.model,
    forms: pending.input.forms,
    processVersion: pending.input.processVersion,
    variables: {},
    resume,
    migration: {
      fromVersion: input.processVersion,
      toVersion: pending.input.processVersion,
      moves: pending.moves.map((m) => ({ ...m, ...named('fromName', input.model, m.from), ...named('toName', pending.input.model, m.to) })),
      actorId: pending.input.actorId,
      at,
      completedAtMigration: Object.values(resume.completedCounts).reduce((a, b) => a + b, 0),
      ...(pending.input.note && { note: pending.input.note }),
      undo: pending.undo,
      projected: false,
    },
  };
}
