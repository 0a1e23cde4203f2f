import { MASKED_TITLE } from '../policy/confidentiality';
import { caseReadable, customerCleared, TASK_ACTIONABLE } from '../policy/sql';
import type { Db } from './pool';
import { SLA } from './tasks';
import { userNameSql, type SessionUser } from './users';

// The 首页's reads that the reports do not already make (the manager's card is the 时效 and 工作量
// reports, read through their service). Each starts from what the reader may read: the tasks they
// may act on (TASK_ACTIONABLE, as the inbox), the cases they may read (caseReadable, as the 案例
// list); a case title is masked in SQL where the reader is not cleared for its customer.

/** How many rows a card lists: a glance, not a list page. */
export const DASHBOARD_LIST_LIMIT = 8;
/** The auditor's card looks this far back (days). */
export const EXCEPTION_DAYS = 30;

const CUSTOMER_JOIN = `LEFT JOIN customer cu ON cu.id = c.customer_id LEFT JOIN org_unit cuu ON cuu.id = cu.unit_id`;
const title = (user: SessionUser) => `CASE WHEN cu.id IS NULL OR ${customerCleared(user, '$1', 'cu.confidentiality', 'cuu.path')} THEN c.title ELSE '${MASKED_TITLE}' END`;
/** The case's own version's name (the one it runs on). */
const PROCESS_NAME = `coalesce((SELECT pd.name FROM process_definition pd WHERE pd.key = c.process_key AND pd.version = c.process_version), c.process_key)`;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

export function createDashboardRepository(db: Db) {
  return {
    /** The approver's card: open tasks they may act on, due soon and overdue (the inbox's rule), and the next ones. */
    async approver(user: SessionUser) {
      const counts = db.query(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE t.due_at < now())::int AS overdue,
                count(*) FILTER (WHERE t.due_at >= now() AND t.due_at - now() < (t.due_at - t.created_at) / 4)::int AS due_soon
           FROM task t WHERE t.status = 'open' AND ${TASK_ACTIONABLE}`,
        [user.id],
      );
      const next = db.query(
        `SELECT t.id, t.name, t.case_id, ${title(user)} AS case_title, c.business_key, c.process_key, ${PROCESS_NAME} AS process_name, t.unit_id, t.due_at, ${SLA} AS sla
           FROM task t JOIN process_case c ON c.id = t.case_id ${CUSTOMER_JOIN}
          WHERE t.status = 'open' AND ${TASK_ACTIONABLE}
          ORDER BY coalesce(t.due_at, 'infinity'::timestamptz), t.created_at, t.id LIMIT $2`,
        [user.id, DASHBOARD_LIST_LIMIT],
      );
      const [c, n] = await Promise.all([counts, next]);
      const r = c.rows[0]!;
      return {
        open: Number(r.open),
        dueSoon: Number(r.due_soon),
        overdue: Number(r.overdue),
        next: n.rows.map((t) => ({
          id: t.id as string,
          name: t.name as string,
          caseId: t.case_id as string,
          caseTitle: t.case_title as string,
          businessKey: t.business_key as string,
          processKey: t.process_key as string,
          processName: t.process_name as string,
          unitId: t.unit_id as string,
          dueAt: iso(t.due_at),
          sla: t.sla as 'none' | 'on_time' | 'due_soon' | 'overdue',
        })),
      };
    },

    /**
     * The auditor's card: escalations (首问责任制 moves), incidents and replay divergences of the last EXCEPTION_DAYS days,
     * plus incidents still waiting however old, in the cases the reader may read; newest first.
     */
    async exceptions(user: SessionUser) {
      const since = `now() - make_interval(days => ${EXCEPTION_DAYS})`;
      const escalations = `SELECT 'escalation' AS kind, e.at, e.case_id, t.name AS step, e.payload->>'fromUnitId' AS from_unit, e.payload->>'toUnitId' AS to_unit,
                                  coalesce(t.status = 'open', false) AS open
                             FROM case_event e LEFT JOIN task t ON t.id = e.task_id WHERE e.kind = 'task.escalated' AND e.at >= ${since}`;
      // The step by its name only: an unnamed element's id is no word for people (the console then shows no step).
      const incidents = `SELECT 'incident', i.raised_at, i.case_id, i.element_name, NULL, NULL, i.resolved_at IS NULL
                           FROM incident i WHERE i.raised_at >= ${since} OR i.resolved_at IS NULL`;
      // A replay that did not re-execute to the same result: the recorded history and the code disagree.
      const divergences = `SELECT 'replay', v.checked_at, v.case_id, NULL, NULL, NULL, false
                             FROM replay_verdict v WHERE NOT v.ok AND v.checked_at >= ${since}`;
      const { rows } = await db.query(
        `SELECT x.*, ${title(user)} AS case_title, c.business_key, c.process_key, ${PROCESS_NAME} AS process_name,
                count(*) FILTER (WHERE x.kind = 'escalation') OVER () AS escalations, count(*) FILTER (WHERE x.kind = 'incident' AND x.open) OVER () AS open_incidents,
                count(*) FILTER (WHERE x.kind = 'replay') OVER () AS replay_divergences
           FROM (${escalations} UNION ALL ${incidents} UNION ALL ${divergences}) x JOIN process_case c ON c.id = x.case_id ${CUSTOMER_JOIN}
          WHERE ${caseReadable(user)}
          ORDER BY x.at DESC, x.case_id LIMIT $2`,
        [user.id, DASHBOARD_LIST_LIMIT * 2],
      );
      const list = rows.map((r) => ({
        kind: r.kind as 'escalation' | 'incident' | 'replay',
        at: iso(r.at)!,
        caseId: r.case_id as string,
        caseTitle: r.case_title as string,
        businessKey: r.business_key as string,
        processKey: r.process_key as string,
        processName: r.process_name as string,
        step: (r.step as string | null) ?? null,
        fromUnitId: (r.from_unit as string | null) ?? null,
        toUnitId: (r.to_unit as string | null) ?? null,
        open: r.open === true,
      }));
      return { list, escalations: Number(rows[0]?.escalations ?? 0), openIncidents: Number(rows[0]?.open_incidents ?? 0), replayDivergences: Number(rows[0]?.replay_divergences ?? 0) };
    },

    /** The process owner's card: every deployed version, newest first, with the cases on it the reader may read. */
    async versions(user: SessionUser) {
      const { rows } = await db.query(
        `SELECT pd.key, pd.version, pd.name, pd.deployed_at, ${userNameSql('pd.deployed_by')} AS deployed_by_name,
                (SELECT pl.name FROM process_definition pl WHERE pl.key = pd.key ORDER BY pl.version DESC LIMIT 1) AS latest_name,
                coalesce(n.running, 0)::int AS running, coalesce(n.ended, 0)::int AS ended
           FROM process_definition pd
           LEFT JOIN (SELECT c.process_key, c.process_version, count(*) FILTER (WHERE c.status = 'running') AS running,
                             count(*) FILTER (WHERE c.status <> 'running') AS ended
                        FROM process_case c WHERE ${caseReadable(user)} GROUP BY 1, 2) n
             ON n.process_key = pd.key AND n.process_version = pd.version
          ORDER BY latest_name, pd.key, pd.version DESC`,
        [user.id],
      );
      return rows.map((r) => ({
        key: r.key as string,
        name: r.latest_name as string,
        version: Number(r.version),
        deployedAt: iso(r.deployed_at)!,
        deployedByName: (r.deployed_by_name as string | null) ?? null,
        running: Number(r.running),
        ended: Number(r.ended),
      }));
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
