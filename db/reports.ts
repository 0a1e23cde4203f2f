import type { ReportFilter } from '../contract';
import { MASKED_NAME } from '../policy/confidentiality';
import { caseReadable, customerCleared } from '../policy/sql';
import { seesEverything } from '../policy/roles';
import type { Db } from './pool';
import type { SessionUser } from './users';

// The reports' reads, on the projections (task, process_case) and the business records (complaint,
// work_order, callback_record). Every query starts from the cases the reader may read (caseReadable,
// as the 案例 list) within the unit asked for, and names a customer only where the reader is cleared
// for it (customerCleared, as search): a report is one more read, under the same policy.

/** Rows one list table holds (the 维修台账, the 回访日清表); more is `truncated`. */
export const REPORT_ROW_LIMIT = 5_000;

export type Row = Record<string, unknown>;

/** A China calendar day's first instant (China has no daylight saving: always UTC+8). */
const chinaDayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

/** SQL: the China wall-clock time of a timestamptz, whatever the session's time zone. */
const chinaTime = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')`;
/** SQL: the China calendar week (its Monday) and month of a timestamptz, as text. */
const chinaWeek = (col: string) => `date_trunc('week', ${chinaTime(col)})::date::text`;
const chinaMonth = (col: string) => `to_char(${chinaTime(col)}, 'YYYY-MM')`;
const hours = (from: string, to: string) => `(extract(epoch FROM (${to} - ${from})) / 3600.0)`;
const median = (x: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})`;
const p90 = (x: string) => `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${x})`;

// A task is late when it missed its due time — completed after it, or escalated (an escalation moves
// the due time on, so a task completed at the next level may end before its last due time).
const LATE = `(t.escalation_level > 0 OR (t.due_at IS NOT NULL AND t.completed_at > t.due_at))`;
const ON_TIME = `(t.escalation_level = 0 AND t.due_at IS NOT NULL AND t.completed_at <= t.due_at)`;
const NO_DEADLINE = `(t.escalation_level = 0 AND t.due_at IS NULL)`;

/** SQL parameters numbered from $2 ($1 is the reader), and the conditions built with them. */
class Query {
  readonly params: unknown[];
  readonly where: string[];
  constructor(
    readonly user: SessionUser,
    f: ReportFilter,
    /** The column of the unit the unit filter applies to. */
    unitColumn: string,
    /** The timestamptz the period applies to; none for a snapshot (open tasks). */
    periodColumn: string | null,
  ) {
    this.params = [user.id];
    this.where = [caseReadable(user)];
    if (f.unitId) {
      this.where.push(`${unitColumn} IN (SELECT below.id FROM org_unit sel JOIN org_unit below ON below.path = sel.path OR starts_with(below.path, sel.path || '/') WHERE sel.id = ${this.add(f.unitId)})`);
    }
    if (f.processKey) this.where.push(`c.process_key = ${this.add(f.processKey)}`);
    if (f.processVersion !== undefined) this.where.push(`c.process_version = ${this.add(f.processVersion)}`);
    if (periodColumn && f.from) this.where.push(`${periodColumn} >= ${this.add(chinaDayStart(f.from))}::timestamptz`);
    if (periodColumn && f.to) this.where.push(`${periodColumn} < ${this.add(chinaDayStart(f.to, 1))}::timestamptz`);
  }
  add(v: unknown): string {
    return `$${this.params.push(v)}`;
  }
  get sql(): string {
    return this.where.join(' AND ');
  }
  /** SQL boolean: the reader may read customer `cu` (joined with its unit as `cuu`); no customer is no secret. */
  get cleared(): string {
    return `(cu.id IS NULL OR ${customerCleared(this.user, '$1', 'cu.confidentiality', 'cuu.path')})`;
  }
  /** SQL: the customer's name as the reader may see it. */
  get customerName(): string {
    return `CASE WHEN cu.id IS NULL THEN NULL WHEN ${this.cleared} THEN cu.name ELSE '${MASKED_NAME}' END`;
  }
}

const CUSTOMER_JOIN = `LEFT JOIN customer cu ON cu.id = c.customer_id LEFT JOIN org_unit cuu ON cuu.id = cu.unit_id`;
/** The newest deployed name of a process (a name may change between versions; the report groups by key). */
const processName = (key: string) => `(SELECT pd.name FROM process_definition pd WHERE pd.key = ${key} ORDER BY pd.version DESC LIMIT 1)`;

export function createReportRepository(db: Db) {
  const run = async (sql: string, q: Query) => (await db.query(sql, q.params)).rows as Row[];
  // The limit is a parameter of its own query only: the Query's other reads may be under way at once.
  const limited = async (sql: string, q: Query) => {
    const params = [...q.params, REPORT_ROW_LIMIT + 1];
    const rows = (await db.query(`${sql} LIMIT $${params.length}`, params)).rows as Row[];
    return { rows: rows.slice(0, REPORT_ROW_LIMIT), truncated: rows.length > REPORT_ROW_LIMIT };
  };

  return {
    /** The units a reader may filter by: where they hold a role and every unit below; every unit for auditors and admins. */
    async unitsFor(user: SessionUser): Promise<Array<{ id: string; name: string; nameEn: string; path: string }>> {
      const { rows } = seesEverything(user)
        ? await db.query('SELECT id, name, name_en, path FROM org_unit ORDER BY path')
        : await db.query(
            `SELECT DISTINCT below.id, below.name, below.name_en, below.path FROM user_role ur JOIN org_unit held ON held.id = ur.unit_id
               JOIN org_unit below ON below.path = held.path OR starts_with(below.path, held.path || '/') WHERE ur.user_id = $1 ORDER BY below.path`,
            [user.id],
          );
      return rows.map((r) => ({ id: r.id as string, name: r.name as string, nameEn: r.name_en as string, path: r.path as string }));
    },

    /** Every unit's names, for the units a report's rows name (a task escalated above the reader's units included). */
    async unitNames(): Promise<Map<string, { 'zh-CN': string; en: string }>> {
      const { rows } = await db.query('SELECT id, name, name_en FROM org_unit');
      return new Map(rows.map((r) => [r.id as string, { 'zh-CN': r.name as string, en: r.name_en as string }]));
    },

    /** 时效: the tasks completed in the period, per process, step and the case's unit; and per China week. */
    async sla(user: SessionUser, f: ReportFilter) {
      const q = new Query(user, f, 'c.unit_id', 't.completed_at');
      const from = `FROM task t JOIN process_case c ON c.id = t.case_id WHERE t.status = 'completed' AND ${q.sql}`;
      const took = hours('t.created_at', 't.completed_at');
      const figures = `count(*)::int AS completed, count(*) FILTER (WHERE ${ON_TIME})::int AS on_time, count(*) FILTER (WHERE ${LATE})::int AS late,
        count(*) FILTER (WHERE ${NO_DEADLINE})::int AS no_deadline, count(*) FILTER (WHERE t.escalation_level > 0)::int AS escalated,
        coalesce(max(t.escalation_level), 0)::int AS max_level, ${median(took)} AS median_hours, ${p90(took)} AS p90_hours`;
      const [bySteps, total, weeks] = await Promise.all([
        run(
          `SELECT s.*, ${processName('s.process_key')} AS process_name FROM (
             SELECT c.process_key, t.element_id, t.name AS step, c.unit_id, ${figures} ${from}
              GROUP BY c.process_key, t.element_id, t.name, c.unit_id) s
            ORDER BY s.process_key, s.step, s.unit_id`,
          q,
        ),
        run(`SELECT ${figures} ${from}`, q),
        run(`SELECT ${chinaWeek('t.completed_at')} AS week, count(*) FILTER (WHERE ${ON_TIME})::int AS on_time, count(*) FILTER (WHERE ${LATE})::int AS late ${from} GROUP BY 1 ORDER BY 1`, q),
      ]);
      return { bySteps, total: total[0]!, weeks };
    },

    /** 满意度: the call-backs registered in the period, their SERVQUAL scores, the 回访日清表 and 100% 回访 coverage. */
    async satisfaction(user: SessionUser, f: ReportFilter) {
      const q = new Query(user, f, 'c.unit_id', 'cb.at');
      const from = `FROM callback_record cb JOIN process_case c ON c.id = cb.case_id ${CUSTOMER_JOIN} WHERE ${q.sql}`;
      const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy', 'recovery'];
      const totals = `count(*)::int AS callbacks, count(cb.satisfaction)::int AS rated,
        count(*) FILTER (WHERE cb.satisfaction >= 4)::int AS satisfied, count(*) FILTER (WHERE cb.satisfaction <= 2)::int AS dissatisfied,
        avg(cb.satisfaction)::float AS average, ${dims.map((d) => `avg(cb.${d})::float AS ${d}_avg, count(cb.${d})::int AS ${d}_n`).join(', ')}`;
      // Coverage: every 派工单 closed in the period has a call-back on its case (100% 回访).
      const cq = new Query(user, f, 'c.unit_id', 'w.closed_at');
      const closed = `FROM work_order w JOIN process_case c ON c.id = w.case_id ${CUSTOMER_JOIN} WHERE w.status = 'closed' AND ${cq.sql}`;
      const called = `EXISTS (SELECT 1 FROM callback_record cb WHERE cb.work_order_id = w.id OR (cb.work_order_id IS NULL AND cb.case_id = w.case_id))`;
      const [total, sheet, coverage, uncovered] = await Promise.all([
        run(`SELECT ${totals} ${from}`, q),
        limited(
          `SELECT ${chinaTime('cb.at')}::date::text AS day, cb.at, c.business_key, c.customer_id, ${q.customerName} AS customer_name, cb.work_order_id,
                  cb.method, cb.satisfaction, ${dims.map((d) => `cb.${d}`).join(', ')}, CASE WHEN ${q.cleared} THEN cb.comments END AS comments
             ${from} ORDER BY cb.at, cb.id`,
          q,
        ),
        run(`SELECT count(*)::int AS closed, count(*) FILTER (WHERE ${called})::int AS covered ${closed}`, cq),
        limited(
          `SELECT w.id AS work_order_id, w.closed_at, c.business_key, c.customer_id, ${cq.customerName} AS customer_name ${closed} AND NOT ${called} ORDER BY w.closed_at, w.id`,
          cq,
        ),
      ]);
      return { total: total[0]!, dims, sheet, coverage: coverage[0]!, uncovered };
    },

    /**
     * 投诉统计: the complaints received in the period. The outcome is read from the record and the
     * case: 不属实 (is_valid false), 赔偿 (a compensation), 解决 (the case completed), else 处理中;
     * closed = the case's end.
     */
    async complaints(user: SessionUser, f: ReportFilter) {
      const q = new Query(user, f, 'c.unit_id', 'coalesce(k.received_at, k.created_at)');
      const outcome = `CASE WHEN k.is_valid = false THEN 'invalid' WHEN k.compensation_amount > 0 THEN 'compensated' WHEN c.status = 'completed' THEN 'resolved' ELSE 'open' END`;
      const from = `FROM complaint k JOIN process_case c ON c.id = k.case_id ${CUSTOMER_JOIN} WHERE ${q.sql}`;
      const closedAt = `CASE WHEN c.status = 'completed' THEN c.ended_at END`;
      const toClose = hours('coalesce(k.received_at, k.created_at)', 'c.ended_at');
      const by = (column: string) => run(`SELECT coalesce(${column}, 'unknown') AS value, count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC, 1`, q);
      const [total, channel, severity, cause, department, outcomes, repeat, months] = await Promise.all([
        run(
          `SELECT count(*)::int AS complaints, count(${closedAt})::int AS closed,
                  count(*) FILTER (WHERE c.status = 'completed' AND k.promised_deadline IS NOT NULL AND c.ended_at > k.promised_deadline)::int AS closed_late,
                  ${median(toClose)} FILTER (WHERE c.status = 'completed') AS median_hours, ${p90(toClose)} FILTER (WHERE c.status = 'completed') AS p90_hours ${from}`,
          q,
        ),
        by('k.channel'),
        by('k.severity'),
        by('k.cause_type'),
        by('k.responsible_department'),
        by(outcome),
        // Grouped by the customer's number: a masked customer still counts, under the name the reader may see.
        run(
          `SELECT c.customer_id, max(${q.customerName}) AS customer_name, count(*)::int AS count ${from} AND c.customer_id IS NOT NULL
            GROUP BY c.customer_id HAVING count(*) > 1 ORDER BY 3 DESC, 1`,
          q,
        ),
        run(`SELECT ${chinaMonth('coalesce(k.received_at, k.created_at)')} AS month, ${outcome} AS outcome, count(*)::int AS count ${from} GROUP BY 1, 2 ORDER BY 1, 2`, q),
      ]);
      return { total: total[0]!, channel, severity, cause, department, outcomes, repeat, months };
    },

    /** 维修统计: the 派工单 dispatched in the period, per China month and kind; first-time fixes; the 维修台账. */
    async repairs(user: SessionUser, f: ReportFilter) {
      const q = new Query(user, f, 'c.unit_id', 'w.created_at');
      const from = `FROM work_order w JOIN process_case c ON c.id = w.case_id ${CUSTOMER_JOIN} WHERE w.status <> 'cancelled' AND ${q.sql}`;
      const [months, total, ledger] = await Promise.all([
        run(
          `SELECT ${chinaMonth('w.created_at')} AS month, w.service_kind, count(*)::int AS count, count(*) FILTER (WHERE w.in_warranty)::int AS in_warranty,
                  count(*) FILTER (WHERE NOT w.in_warranty)::int AS out_of_warranty, sum(w.fee)::float AS fees ${from} GROUP BY 1, 2 ORDER BY 1, 2`,
          q,
        ),
        // First-time fix: of the repair cases with a 派工单 in the period, those that needed only one
        // (a dissatisfied call-back or a failed acceptance dispatches another).
        run(
          `SELECT count(*)::int AS work_orders, count(*) FILTER (WHERE w.in_warranty)::int AS in_warranty, coalesce(sum(w.fee), 0)::float AS fees,
                  count(DISTINCT w.case_id)::int AS cases,
                  count(DISTINCT w.case_id) FILTER (WHERE (SELECT count(*) FROM work_order o WHERE o.case_id = w.case_id AND o.status <> 'cancelled') = 1)::int AS fixed_first_time
             ${from}`,
          q,
        ),
        limited(
          `SELECT w.id, w.created_at, w.closed_at, c.business_key, c.customer_id, ${q.customerName} AS customer_name, p.name AS product_name,
                  w.service_kind, w.mode, eng.display_name AS engineer_name, w.in_warranty, w.fee::float AS fee, w.status
             FROM work_order w JOIN process_case c ON c.id = w.case_id ${CUSTOMER_JOIN}
             LEFT JOIN product p ON p.id = w.product_id LEFT JOIN app_user eng ON eng.id = w.engineer_id
            WHERE ${q.sql} ORDER BY w.created_at, w.id`,
          q,
        ),
      ]);
      return { months, total: total[0]!, ledger };
    },

    /** 工作量: tasks completed in the period per person; open and overdue tasks per unit now (the manager's morning view). */
    async workload(user: SessionUser, f: ReportFilter) {
      const done = new Query(user, f, 't.unit_id', 't.completed_at');
      const open = new Query(user, f, 't.unit_id', null);
      const [people, units] = await Promise.all([
        run(
          `SELECT t.completed_by, u.display_name AS person, u.unit_id, count(*)::int AS completed, count(*) FILTER (WHERE ${LATE})::int AS late,
                  ${median(hours('t.created_at', 't.completed_at'))} AS median_hours
             FROM task t JOIN process_case c ON c.id = t.case_id JOIN app_user u ON u.id = t.completed_by
            WHERE t.status = 'completed' AND ${done.sql} GROUP BY t.completed_by, u.display_name, u.unit_id ORDER BY 4 DESC, 2`,
          done,
        ),
        run(
          `SELECT t.unit_id, count(*)::int AS open, count(*) FILTER (WHERE t.due_at < now())::int AS overdue, count(*) FILTER (WHERE t.escalation_level > 0)::int AS escalated_open
             FROM task t JOIN process_case c ON c.id = t.case_id WHERE t.status = 'open' AND ${open.sql} GROUP BY t.unit_id ORDER BY 1`,
          open,
        ),
      ]);
      return { people, units };
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
