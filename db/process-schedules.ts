import type { StartTimer } from '../bpmn/model';
import type { Db } from './pool';
import { userNameSql } from './users';

export type ScheduleAction = 'created' | 'moved' | 'deleted' | 'paused' | 'resumed';

export interface ScheduleChange {
  processKey: string;
  startEventId: string;
  action: ScheduleAction;
  processVersion: number | null;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  at: string;
}

/** Who a scheduled case belongs to: its first-contact owner (none when nobody fits) and its unit. */
export interface ScheduledOwner {
  ownerId: string | null;
  unitId: string;
}

/**
 * The data of timer start events' schedules: which start events any version of a process had
 * (so a redeploy knows which schedules to delete), the append-only change log, and the owner of
 * a case a schedule starts.
 */
export function createProcessScheduleRepository(db: Db) {
  return {
    /** Ids of the timer start events of every version of `key`, so a schedule left from any of them can be found. */
    async timerStartIdsEver(key: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT DISTINCT e.key AS id FROM process_definition pd, jsonb_each(pd.model -> 'elements') e
          WHERE pd.key = $1 AND e.value ->> 'type' = 'startEvent' AND e.value ? 'timer' ORDER BY 1`,
        [key],
      );
      return rows.map((r) => r.id);
    },

    async record(c: Omit<ScheduleChange, 'at' | 'actorName'>): Promise<void> {
      await db.query(
        `INSERT INTO process_schedule_change (process_key, start_event_id, action, process_version, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.processKey, c.startEventId, c.action, c.processVersion, c.actorId, c.note],
      );
    },

    async changes(key: string, limit = 20): Promise<ScheduleChange[]> {
      const { rows } = await db.query(
        `SELECT c.*, ${userNameSql('c.actor_id')} AS actor_name FROM process_schedule_change c WHERE c.process_key = $1 ORDER BY c.at DESC, c.id DESC LIMIT $2`,
        [key, limit],
      );
      return rows.map((r) => ({
        processKey: r.process_key as string,
        startEventId: r.start_event_id as string,
        action: r.action as ScheduleAction,
        processVersion: (r.process_version as number | null) ?? null,
        actorId: (r.actor_id as string | null) ?? null,
        actorName: (r.actor_name as string | null) ?? null,
        note: (r.note as string | null) ?? null,
        at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
      }));
    },

    /**
     * shouwen:owner resolved when the schedule fires, so a person who left is not chosen: a named
     * active user (the case's unit is `unitId`, else theirs), or the longest-standing active holder (earliest account, then id) of
     * the role in `unitId` (default: the root of the org tree). Nobody fits → no owner; the case
     * still starts, in its unit, for the unit's staff to see.
     */
    async resolveOwner(timer: Pick<StartTimer, 'owner' | 'unitId'>): Promise<ScheduledOwner> {
      // A unit the diagram names that does not exist (a typo, a unit since removed) is the root's:
      // the case must still be recorded, and a case row needs a real unit.
      const { rows: units } = await db.query<{ id: string; named: boolean }>(
        `SELECT id, id = $1 AS named FROM org_unit WHERE id = $1 OR parent_id IS NULL ORDER BY (id = $1) DESC, id LIMIT 1`,
        [timer.unitId ?? null],
      );
      const unitId = units[0]?.id ?? 'hq';
      const named = units[0]?.named === true;
      if (timer.owner.kind === 'user') {
        const { rows } = await db.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM app_user WHERE id = $1 AND NOT disabled`, [timer.owner.userId]);
        return rows[0] ? { ownerId: rows[0].id, unitId: named ? unitId : rows[0].unit_id } : { ownerId: null, unitId };
      }
      const { rows } = await db.query<{ id: string }>(
        `SELECT u.id FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = $1 AND r.unit_id = $2 AND NOT u.disabled ORDER BY u.created_at, u.id LIMIT 1`,
        [timer.owner.role, unitId],
      );
      return { ownerId: rows[0]?.id ?? null, unitId };
    },
  };
}

export type ProcessScheduleRepository = ReturnType<typeof createProcessScheduleRepository>;
