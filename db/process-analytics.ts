import type { ElementFigures } from '../contract';
import { MASKED_TITLE } from '../policy/confidentiality';
import { caseReadable, customerCleared } from '../policy/sql';
import type { Db } from './pool';
import type { SessionUser } from './users';

// Process analytics on a diagram: per element of one version, the cases there now and the time its
// tasks took, over the cases the reader may read (caseReadable, as the reports). The task projection
// covers user tasks; the incident projection the elements a token stopped at. A token waiting at a
// timer or a message is in Temporal only, so it is not counted here.

/** Cases one element's list holds; the active ones first. */
export const ELEMENT_CASES_LIMIT = 200;

const hours = `(extract(epoch FROM (t.completed_at - t.created_at)) / 3600.0)`;
const round = (v: unknown) => (v == null ? null : Math.round(Number(v) * 100) / 100);

export function createProcessAnalyticsRepository(db: Db) {
  return {
    async versionExists(key: string, version: number): Promise<boolean> {
      return (await db.query('SELECT 1 FROM process_definition WHERE key = $1 AND version = $2', [key, version])).rows.length > 0;
    },

    async figures(user: SessionUser, key: string, version: number) {
      const cases = `SELECT c.id FROM process_case c WHERE c.process_key = $2 AND c.process_version = $3 AND ${caseReadable(user)}`;
      const [tasks, incidents, totals] = await Promise.all([
        db.query(
          `SELECT t.element_id, max(t.name) AS name, count(DISTINCT t.case_id) FILTER (WHERE t.status = 'open')::int AS active,
                  count(*) FILTER (WHERE t.status = 'completed')::int AS completed,
                  avg(${hours}) FILTER (WHERE t.status = 'completed') AS average_hours,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours}) FILTER (WHERE t.status = 'completed') AS p90_hours
             FROM task t WHERE t.case_id IN (${cases}) GROUP BY t.element_id`,
          [user.id, key, version],
        ),
        db.query(
          `SELECT i.element_id, max(i.element_name) AS name, count(DISTINCT i.case_id)::int AS incidents
             FROM incident i WHERE i.resolved_at IS NULL AND i.case_id IN (${cases}) GROUP BY i.element_id`,
          [user.id, key, version],
        ),
        db.query(
          `SELECT count(*) FILTER (WHERE c.status = 'running')::int AS running, count(*) FILTER (WHERE c.status <> 'running')::int AS ended
             FROM process_case c WHERE c.process_key = $2 AND c.process_version = $3 AND ${caseReadable(user)}`,
          [user.id, key, version],
        ),
      ]);
      const byElement = new Map<string, ElementFigures>();
      for (const r of tasks.rows) {
        byElement.set(r.element_id as string, {
          elementId: r.element_id as string,
          name: (r.name as string | null) ?? null,
          active: Number(r.active),
          incidents: 0,
          completed: Number(r.completed),
          averageHours: round(r.average_hours),
          p90Hours: round(r.p90_hours),
        });
      }
      for (const r of incidents.rows) {
        const id = r.element_id as string;
        const e = byElement.get(id) ?? { elementId: id, name: (r.name as string | null) ?? null, active: 0, incidents: 0, completed: 0, averageHours: null, p90Hours: null };
        e.incidents = Number(r.incidents);
        byElement.set(id, e);
      }
      const t = totals.rows[0]!;
      return { running: Number(t.running), ended: Number(t.ended), elements: [...byElement.values()].sort((a, b) => a.elementId.localeCompare(b.elementId)) };
    },

    /** The cases that reached one element (a task there, or an incident), the ones there now first, then the latest. */
    async cases(user: SessionUser, key: string, version: number, elementId: string) {
      const cleared = customerCleared(user, '$1', 'cu.confidentiality', 'cuu.path');
      const { rows } = await db.query(
        `SELECT c.id, CASE WHEN cu.id IS NULL OR ${cleared} THEN c.title ELSE '${MASKED_TITLE}' END AS title, c.business_key, c.status, c.unit_id, x.active, x.since
           FROM (SELECT s.case_id, bool_or(s.active) AS active, max(s.since) AS since FROM (
                   SELECT t.case_id, t.status = 'open' AS active, t.created_at AS since FROM task t WHERE t.element_id = $4
                   UNION ALL
                   SELECT i.case_id, i.resolved_at IS NULL, i.raised_at FROM incident i WHERE i.element_id = $4) s GROUP BY s.case_id) x
           JOIN process_case c ON c.id = x.case_id
           LEFT JOIN customer cu ON cu.id = c.customer_id LEFT JOIN org_unit cuu ON cuu.id = cu.unit_id
          WHERE c.process_key = $2 AND c.process_version = $3 AND ${caseReadable(user)}
          ORDER BY x.active DESC, x.since DESC, c.id LIMIT $5`,
        [user.id, key, version, elementId, ELEMENT_CASES_LIMIT + 1],
      );
      return {
        items: rows.slice(0, ELEMENT_CASES_LIMIT).map((r) => ({
          caseId: r.id as string,
          title: r.title as string,
          businessKey: r.business_key as string,
          status: r.status as string,
          unitId: r.unit_id as string,
          active: r.active === true,
          since: (r.since as Date).toISOString(),
        })),
        truncated: rows.length > ELEMENT_CASES_LIMIT,
      };
    },
  };
}

export type ProcessAnalyticsRepository = ReturnType<typeof createProcessAnalyticsRepository>;
