import { ScheduleNotFoundError, type ScheduleDescription, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { timerStarts, type StartEventElement, type StartTimer } from '../../bpmn/model';
import type { ProcessScheduleRepository, ScheduleChange } from '../../db/process-schedules';
import type { ProcessRepository } from '../../db/processes';
import type { ScheduledStartRef } from '../../domain/case-header';
import { notFound } from '../http/problem';
import { SCHEDULE_POLICIES, scheduleIdOf, scheduleSpecOf } from '../schedules/spec';
import type { TemporalAccess } from '../temporal/client';

export interface ScheduleView {
  startEventId: string;
  name: string | null;
  expression: string;
  /** The version whose runs it starts (the latest deployed); null when Temporal has no schedule for it yet. */
  processVersion: number | null;
  paused: boolean;
  note: string | null;
  /** The next run times, soonest first (ISO). */
  nextRuns: string[];
  /** Runs left for R<n> cycles and dates; null = no limit. */
  remainingRuns: number | null;
  owner: StartTimer['owner'];
  /** The named owner's name, so people read a name, not an id. */
  ownerName: string | null;
  unitId: string | null;
}

type TimerStart = StartEventElement & { timer: StartTimer };

const refOf = (d: ScheduleDescription): ScheduledStartRef | undefined => d.action.args?.[0] as ScheduledStartRef | undefined;

/**
 * The Temporal Schedules of timer start events. The latest deployed version owns each one: a deploy
 * (and the API's start) reconciles a process's schedules with its latest version — created, moved
 * to the new version, deleted when the event is gone — so it is idempotent and safe to repeat.
 */
export function createScheduleService(deps: { temporal: TemporalAccess; processes: ProcessRepository; schedules: ProcessScheduleRepository; names: (ids: string[]) => Promise<Map<string, string>> }) {
  const { temporal, processes, schedules, names } = deps;
  const client = () => temporal.client.schedule;

  async function describe(key: string, startEventId: string): Promise<ScheduleDescription | undefined> {
    try {
      return await client().getHandle(scheduleIdOf(key, startEventId)).describe();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return undefined;
      throw err;
    }
  }

  const viewOf = async (el: TimerStart, d: ScheduleDescription | undefined, count: number): Promise<ScheduleView> => ({
    startEventId: el.id,
    name: el.name ?? null,
    expression: el.timer.expression,
    processVersion: d ? (refOf(d)?.processVersion ?? null) : null,
    paused: d?.state.paused ?? false,
    // The note explains a pause; once resumed it has nothing to say.
    note: d?.state.paused ? d.state.note || null : null,
    nextRuns: (d?.info.nextActionTimes ?? []).slice(0, count).map((t) => t.toISOString()),
    remainingRuns: d?.state.remainingActions ?? null,
    owner: el.timer.owner,
    ownerName: el.timer.owner.kind === 'user' ? ((await names([el.timer.owner.userId])).get(el.timer.owner.userId) ?? null) : null,
    unitId: el.timer.unitId ?? null,
  });

  async function timerStartOf(key: string, startEventId: string): Promise<TimerStart> {
    const latest = await processes.get(key);
    if (!latest) throw notFound(`No deployed process "${key}".`, { code: 'process.notDeployed', params: { processKey: key } });
    const el = timerStarts(latest.model).find((e) => e.id === startEventId);
    if (!el) throw notFound(`Process "${key}" has no schedule ${startEventId}.`, { code: 'schedule.notFound', params: { processKey: key } });
    return el;
  }

  return {
    /** Makes Temporal's schedules of `key` those of its latest version; returns what changed. */
    async sync(key: string, actorId: string | null): Promise<Array<{ startEventId: string; action: 'created' | 'moved' | 'deleted' }>> {
      const latest = await processes.get(key);
      if (!latest) return [];
      const done: Array<{ startEventId: string; action: 'created' | 'moved' | 'deleted' }> = [];
      const wanted = timerStarts(latest.model);
      for (const el of wanted) {
        const scheduleId = scheduleIdOf(key, el.id);
        const { spec, remainingActions } = scheduleSpecOf(el.timer);
        const ref: ScheduledStartRef = { processKey: key, processVersion: latest.version, startEventId: el.id };
        // Temporal appends each run's time to this id, so runs never collide.
        const action: ScheduleOptionsStartWorkflowAction<never> = { type: 'startWorkflow', workflowType: 'scheduledCaseStart', taskQueue: temporal.taskQueue, workflowId: scheduleId, args: [ref] as never };
        const previous = await describe(key, el.id);
        if (!previous) {
          await client().create({ scheduleId, spec, action, policies: SCHEDULE_POLICIES, state: { ...(remainingActions !== undefined && { remainingActions }) } });
          await schedules.record({ processKey: key, startEventId: el.id, action: 'created', processVersion: latest.version, actorId, note: null });
          done.push({ startEventId: el.id, action: 'created' });
          continue;
        }
        const before = refOf(previous)?.processVersion;
        if (before === latest.version) continue;
        const old = before === undefined ? undefined : (await processes.get(key, before))?.model.elements[el.id];
        const sameTiming = old?.type === 'startEvent' && JSON.stringify(old.timer?.timing) === JSON.stringify(el.timer.timing);
        // A pause survives a redeploy (an owner paused it for a reason); so does the count of runs left, unless the cycle changed.
        await client()
          .getHandle(scheduleId)
          .update((p) => ({
            spec,
            action,
            policies: SCHEDULE_POLICIES,
            state: { paused: p.state.paused, ...(p.state.note && { note: p.state.note }), ...((sameTiming ? p.state.remainingActions : remainingActions) !== undefined && { remainingActions: sameTiming ? p.state.remainingActions : remainingActions }) },
          }));
        await schedules.record({ processKey: key, startEventId: el.id, action: 'moved', processVersion: latest.version, actorId, note: null });
        done.push({ startEventId: el.id, action: 'moved' });
      }
      const keep = new Set(wanted.map((e) => e.id));
      for (const id of await schedules.timerStartIdsEver(key)) {
        if (keep.has(id) || !(await describe(key, id))) continue;
        await client().getHandle(scheduleIdOf(key, id)).delete();
        await schedules.record({ processKey: key, startEventId: id, action: 'deleted', processVersion: latest.version, actorId, note: null });
        done.push({ startEventId: id, action: 'deleted' });
      }
      return done;
    },

    /** Every deployed process, as at the API's start: catches up on a deploy whose sync did not finish. */
    async syncAll(): Promise<Array<{ processKey: string; startEventId: string; action: 'created' | 'moved' | 'deleted' }>> {
      const done: Array<{ processKey: string; startEventId: string; action: 'created' | 'moved' | 'deleted' }> = [];
      for (const key of await processes.keys()) for (const d of await this.sync(key, null)) done.push({ processKey: key, ...d });
      return done;
    },

    async list(key: string, count = 5): Promise<{ items: ScheduleView[]; changes: ScheduleChange[] }> {
      const latest = await processes.get(key);
      if (!latest) throw notFound(`No deployed process "${key}".`, { code: 'process.notDeployed', params: { processKey: key } });
      const items: ScheduleView[] = [];
      for (const el of timerStarts(latest.model)) items.push(await viewOf(el, await describe(key, el.id), count));
      return { items, changes: await schedules.changes(key) };
    },

    async setPaused(actorId: string, key: string, startEventId: string, paused: boolean, note: string | undefined): Promise<ScheduleView> {
      const el = await timerStartOf(key, startEventId);
      const handle = client().getHandle(scheduleIdOf(key, startEventId));
      try {
        // Temporal ignores an empty note: the pause or resume would silently not happen.
        if (paused) await handle.pause(note || '已暂停');
        else await handle.unpause(note || '已恢复');
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) throw notFound(`Process "${key}" has no schedule ${startEventId} in Temporal.`, { code: 'schedule.notFound', params: { processKey: key } });
        throw err;
      }
      const latest = await processes.get(key);
      await schedules.record({ processKey: key, startEventId, action: paused ? 'paused' : 'resumed', processVersion: latest?.version ?? null, actorId, note: note ?? null });
      return viewOf(el, await describe(key, startEventId), 5);
    },

    /** Runs a schedule now (tests, and an owner who wants today's case early): the same path as a timed run. */
    async trigger(key: string, startEventId: string): Promise<void> {
      await timerStartOf(key, startEventId);
      await client().getHandle(scheduleIdOf(key, startEventId)).trigger();
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
