import { REPORT_NAMES, type Report } from '../contract';
import { shanghaiDate } from '../domain/china-time';
import type { Db } from './pool';
import { createReportFigures } from './report-figures';
import { createReportRepository } from './reports';
import type { SessionUser } from './users';

// report_snapshot (migration 039): written once, read as written. The table refuses UPDATE and
// DELETE itself, so nothing here could rewrite a month's summary even by mistake.

export interface ReportSnapshotRow {
  id: string;
  period: string;
  unitId: string;
  trigger: 'schedule' | 'manual';
  generatedBy: string | null;
  caseId: string | null;
  generatedAt: string;
}

const HEADER = `s.id::text, s.period, s.unit_id, s.trigger, s.generated_by, s.case_id, s.generated_at`;
const header = (r: Record<string, unknown>): ReportSnapshotRow => ({
  id: r.id as string,
  period: r.period as string,
  unitId: r.unit_id as string,
  trigger: r.trigger as ReportSnapshotRow['trigger'],
  generatedBy: (r.generated_by as string | null) ?? null,
  caseId: (r.case_id as string | null) ?? null,
  generatedAt: (r.generated_at as Date).toISOString(),
});

export function createReportSnapshotRepository(db: Db) {
  return {
    /** Appends one; with a `sourceKey` already stored, returns that one instead (a retried run). */
    async insert(s: { period: string; unitId: string; reports: unknown; trigger: ReportSnapshotRow['trigger']; generatedBy: string | null; caseId?: string; sourceKey?: string }): Promise<ReportSnapshotRow> {
      const { rows } = await db.query(
        `INSERT INTO report_snapshot AS s (period, unit_id, reports, trigger, generated_by, case_id, source_key) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
         ON CONFLICT (source_key) DO NOTHING RETURNING ${HEADER}`,
        [s.period, s.unitId, JSON.stringify(s.reports), s.trigger, s.generatedBy, s.caseId ?? null, s.sourceKey ?? null],
      );
      if (rows[0]) return header(rows[0]);
      return header((await db.query(`SELECT ${HEADER} FROM report_snapshot s WHERE s.source_key = $1`, [s.sourceKey])).rows[0]);
    },
    async list(period?: string): Promise<ReportSnapshotRow[]> {
      const { rows } = await db.query(
        `SELECT ${HEADER} FROM report_snapshot s JOIN org_unit u ON u.id = s.unit_id WHERE ($1::text IS NULL OR s.period = $1::text) ORDER BY s.period DESC, u.path, s.id DESC LIMIT 500`,
        [period ?? null],
      );
      return rows.map(header);
    },
    async get(id: string): Promise<(ReportSnapshotRow & { reports: unknown }) | undefined> {
      const { rows } = await db.query(`SELECT ${HEADER}, s.reports FROM report_snapshot s WHERE s.id = $1::bigint`, [id]);
      return rows[0] && { ...header(rows[0]), reports: rows[0].reports };
    },
    /** The units a summary is made for: every unit (each covers those below it). */
    async unitIds(): Promise<string[]> {
      return (await db.query('SELECT id FROM org_unit ORDER BY path')).rows.map((r) => r.id as string);
    },
  };
}

/** The reader the figures are computed as: sees every case (the summary is the unit's, not its generator's). */
const SUMMARY_READER: SessionUser = { id: 'system:monthly-summary', username: 'system', displayName: 'system', unitId: 'hq', roles: [{ role: 'auditor', unitId: 'hq' }] };

// Tables that name customers (回访日清表, 维修台账, repeat complainants) are not kept: a stored name
// could not be masked later for a reader not cleared for that customer; they stay in the live reports.
const namesCustomers = (t: Report['tables'][number]) => t.columns.some((c) => c.key === 'customer' || c.key === 'customerId');

/** First and last China day of a month (YYYY-MM). */
export function monthDays(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** The China month (YYYY-MM) before the one the instant falls in. */
export function previousMonth(atMs: number): string {
  const day = shanghaiDate(new Date(atMs));
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * One snapshot per unit of `period`'s five reports, appended. By hand (`generatedBy`) from the API,
 * or by the monthly-report-summary diagram's service task (`caseId`, `key`: its retry adds nothing).
 */
export async function generateReportSnapshots(
  db: Db,
  g: { period: string; trigger: ReportSnapshotRow['trigger']; generatedBy?: string; caseId?: string; key?: string },
): Promise<ReportSnapshotRow[]> {
  const repo = createReportSnapshotRepository(db);
  const figures = createReportFigures(createReportRepository(db));
  const days = monthDays(g.period);
  const stored: ReportSnapshotRow[] = [];
  // One unit at a time: the five reports of a unit already run their queries side by side.
  for (const unitId of await repo.unitIds()) {
    const body = await Promise.all(REPORT_NAMES.map((name) => figures.build(SUMMARY_READER, name, { ...days, unitId })));
    const reports = body.map((r) => ({ ...r, tables: r.tables.filter((t) => !namesCustomers(t)) }));
    stored.push(await repo.insert({
      period: g.period, unitId, reports, trigger: g.trigger, generatedBy: g.generatedBy ?? null, caseId: g.caseId, sourceKey: g.key && `${g.key}/${unitId}`,
    }));
  }
  return stored;
}

export type ReportSnapshotRepository = ReturnType<typeof createReportSnapshotRepository>;
