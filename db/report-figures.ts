import type { Report, ReportColumnType, ReportFilter, ReportName, ReportPoint, ReportTable } from '../contract';
import type { ReportRepository, Row } from './reports';
import type { SessionUser } from './users';
import { processWords } from '../contract/process-names';

// Turns the report queries' rows into the reports themselves: named columns, rates worked out,
// hours rounded. Shared by the API (server/services/report-service.ts, which first checks the unit
// asked for) and the monthly summaries the worker stores (db/report-snapshots.ts).

const num = (v: unknown): number | null => (v == null ? null : Math.round(Number(v) * 100) / 100);
const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const int = (v: unknown) => Number(v ?? 0);

type Columns = Array<[key: string, type: ReportColumnType]>;
const table = (key: string, columns: Columns, rows: Array<Record<string, unknown>>, truncated = false): ReportTable => ({
  key,
  columns: columns.map(([k, type]) => ({ key: k, type })),
  rows: rows.map((r) => Object.fromEntries(columns.map(([k]) => [k, (r[k] ?? null) as string | number | boolean | null]))),
  truncated,
});
const figure = (key: string, type: ReportColumnType, value: number | null) => ({ key, type, value });

/** A grouping the record stores as a code (severity, cause, outcome) or as typed (channel, department). */
const codeTable = (key: string, rows: Row[]) => table(key, [['value', 'code'], ['count', 'count']], rows.map((r) => ({ value: r.value, count: int(r.count) })));

export function createReportFigures(repo: ReportRepository) {
  const build: Record<ReportName, (user: SessionUser, f: ReportFilter) => Promise<Omit<Report, 'name' | 'unitNames'>>> = {
    async sla(user, f) {
      const { bySteps, total, weeks } = await repo.sla(user, f);
      const rows = bySteps.map((r) => ({
        // Report rows are words already (stored as they are in monthly snapshots): an unnamed process in Chinese, the console's first language.
        process: processWords(String(r.process_key), r.process_name as string | null),
        step: r.step,
        unit: r.unit_id,
        completed: int(r.completed),
        onTime: int(r.on_time),
        late: int(r.late),
        noDeadline: int(r.no_deadline),
        escalated: int(r.escalated),
        maxLevel: int(r.max_level),
        onTimeRate: rate(int(r.on_time), int(r.on_time) + int(r.late)),
        medianHours: num(r.median_hours),
        p90Hours: num(r.p90_hours),
      }));
      return {
        summary: [
          figure('completed', 'count', int(total.completed)),
          figure('onTimeRate', 'rate', rate(int(total.on_time), int(total.on_time) + int(total.late))),
          figure('late', 'count', int(total.late)),
          figure('escalated', 'count', int(total.escalated)),
          figure('medianHours', 'hours', num(total.median_hours)),
          figure('p90Hours', 'hours', num(total.p90_hours)),
        ],
        tables: [
          table(
            'bySteps',
            [
              ['process', 'text'], ['step', 'text'], ['unit', 'unit'], ['completed', 'count'], ['onTime', 'count'], ['late', 'count'], ['noDeadline', 'count'],
              ['escalated', 'count'], ['maxLevel', 'count'], ['onTimeRate', 'rate'], ['medianHours', 'hours'], ['p90Hours', 'hours'],
            ],
            rows,
          ),
        ],
        chart: { kind: 'line', points: weeks.flatMap((w): ReportPoint[] => [{ x: String(w.week), y: int(w.on_time), group: 'onTime' }, { x: String(w.week), y: int(w.late), group: 'late' }]) },
      };
    },

    async satisfaction(user, f) {
      const { total, dims, sheet, coverage, uncovered } = await repo.satisfaction(user, f);
      const rated = int(total.rated);
      return {
        summary: [
          figure('callbacks', 'count', int(total.callbacks)),
          figure('satisfactionRate', 'rate', rate(int(total.satisfied), rated)),
          figure('dissatisfactionRate', 'rate', rate(int(total.dissatisfied), rated)),
          figure('averageSatisfaction', 'score', num(total.average)),
          figure('closedWorkOrders', 'count', int(coverage.closed)),
          figure('coverage', 'rate', rate(int(coverage.covered), int(coverage.closed))),
        ],
        tables: [
          table('dimensions', [['dimension', 'code'], ['average', 'score'], ['answers', 'count']], dims.map((d) => ({ dimension: d, average: num(total[`${d}_avg`]), answers: int(total[`${d}_n`]) }))),
          table(
            'dailySheet',
            [
              ['day', 'day'], ['at', 'datetime'], ['businessKey', 'text'], ['customerId', 'text'], ['customer', 'text'], ['workOrder', 'text'], ['method', 'text'],
              ['satisfaction', 'score'], ...dims.map((d): [string, ReportColumnType] => [d, 'score']), ['comments', 'text'],
            ],
            sheet.rows.map((r) => ({
              ...Object.fromEntries(dims.map((d) => [d, r[d] ?? null])),
              day: r.day, at: iso(r.at), businessKey: r.business_key, customerId: r.customer_id, customer: r.customer_name, workOrder: r.work_order_id,
              method: r.method, satisfaction: r.satisfaction, comments: r.comments,
            })),
            sheet.truncated,
          ),
          table(
            'uncovered',
            [['workOrder', 'text'], ['closedAt', 'datetime'], ['businessKey', 'text'], ['customerId', 'text'], ['customer', 'text']],
            uncovered.rows.map((r) => ({ workOrder: r.work_order_id, closedAt: iso(r.closed_at), businessKey: r.business_key, customerId: r.customer_id, customer: r.customer_name })),
            uncovered.truncated,
          ),
        ],
        chart: { kind: 'column', points: dims.map((d) => ({ x: d, y: num(total[`${d}_avg`]) ?? 0, group: 'average' })) },
      };
    },

    async complaints(user, f) {
      const r = await repo.complaints(user, f);
      return {
        summary: [
          figure('complaints', 'count', int(r.total.complaints)),
          figure('closed', 'count', int(r.total.closed)),
          figure('closedLate', 'count', int(r.total.closed_late)),
          figure('medianCloseHours', 'hours', num(r.total.median_hours)),
          figure('p90CloseHours', 'hours', num(r.total.p90_hours)),
          figure('repeatCustomers', 'count', r.repeat.length),
        ],
        tables: [
          codeTable('byChannel', r.channel),
          codeTable('bySeverity', r.severity),
          codeTable('byCause', r.cause),
          codeTable('byDepartment', r.department),
          codeTable('byOutcome', r.outcomes),
          table('repeatCustomers', [['customerId', 'text'], ['customer', 'text'], ['complaints', 'count']], r.repeat.map((x) => ({ customerId: x.customer_id, customer: x.customer_name, complaints: int(x.count) }))),
        ],
        chart: { kind: 'column', points: r.months.map((m) => ({ x: String(m.month), y: int(m.count), group: String(m.outcome) })) },
      };
    },

    async repairs(user, f) {
      const { months, total, ledger } = await repo.repairs(user, f);
      return {
        summary: [
          figure('workOrders', 'count', int(total.work_orders)),
          figure('inWarranty', 'count', int(total.in_warranty)),
          figure('fees', 'money', num(total.fees)),
          figure('firstTimeFixRate', 'rate', rate(int(total.fixed_first_time), int(total.cases))),
        ],
        tables: [
          table(
            'monthly',
            [['month', 'text'], ['serviceKind', 'text'], ['count', 'count'], ['inWarranty', 'count'], ['outOfWarranty', 'count'], ['fees', 'money']],
            months.map((m) => ({ month: m.month, serviceKind: m.service_kind, count: int(m.count), inWarranty: int(m.in_warranty), outOfWarranty: int(m.out_of_warranty), fees: num(m.fees) })),
          ),
          table(
            'ledger',
            [
              ['workOrder', 'text'], ['created', 'datetime'], ['businessKey', 'text'], ['customerId', 'text'], ['customer', 'text'], ['product', 'text'], ['serviceKind', 'text'],
              ['mode', 'text'], ['engineer', 'text'], ['inWarranty', 'boolean'], ['fee', 'money'], ['status', 'code'], ['closedAt', 'datetime'],
            ],
            ledger.rows.map((w) => ({
              workOrder: w.id, created: iso(w.created_at), businessKey: w.business_key, customerId: w.customer_id, customer: w.customer_name, product: w.product_name,
              serviceKind: w.service_kind, mode: w.mode, engineer: w.engineer_name, inWarranty: w.in_warranty, fee: num(w.fee), status: w.status, closedAt: iso(w.closed_at),
            })),
            ledger.truncated,
          ),
        ],
        chart: { kind: 'column', points: months.map((m) => ({ x: String(m.month), y: int(m.count), group: String(m.service_kind) })) },
      };
    },

    async workload(user, f) {
      const { people, units } = await repo.workload(user, f);
      return {
        summary: [
          figure('completed', 'count', people.reduce((n, p) => n + int(p.completed), 0)),
          figure('open', 'count', units.reduce((n, u) => n + int(u.open), 0)),
          figure('overdue', 'count', units.reduce((n, u) => n + int(u.overdue), 0)),
        ],
        tables: [
          table(
            'byPerson',
            [['person', 'text'], ['unit', 'unit'], ['completed', 'count'], ['late', 'count'], ['medianHours', 'hours']],
            people.map((p) => ({ person: p.person, unit: p.unit_id, completed: int(p.completed), late: int(p.late), medianHours: num(p.median_hours) })),
          ),
          table('byUnit', [['unit', 'unit'], ['open', 'count'], ['overdue', 'count'], ['escalatedOpen', 'count']], units.map((u) => ({ unit: u.unit_id, open: int(u.open), overdue: int(u.overdue), escalatedOpen: int(u.escalated_open) }))),
        ],
        chart: { kind: 'column', points: people.map((p) => ({ x: String(p.person), y: int(p.completed), group: 'completed' })) },
      };
    },
  };

  return {
    /** One report as `user` may read it; whether they may ask for `f.unitId` is the caller's check. */
    async build(user: SessionUser, name: ReportName, f: ReportFilter): Promise<Report> {
      const [body, names] = await Promise.all([build[name](user, f), repo.unitNames()]);
      const named = new Set(body.tables.flatMap((t) => t.columns.filter((c) => c.type === 'unit').flatMap((c) => t.rows.map((r) => String(r[c.key])))));
      return { name, ...body, unitNames: Object.fromEntries([...named].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))) };
    },
  };
}
