import type { Db } from './pool';

// report_snapshot (migration 039): written once, read as written. The table refuses UPDATE and
// DELETE itself, so nothing here could rewrite a month's summary even by mistake.

export interface ReportSnapshotRow {
  id: string;
  period: string;
  unitId: string;
  trigger: 'schedule' | 'manual';
  generatedBy: string | null;
  generatedAt: string;
}

const HEADER = `s.id::text, s.period, s.unit_id, s.trigger, s.generated_by, s.generated_at`;
const header = (r: Record<string, unknown>): ReportSnapshotRow => ({
  id: r.id as string,
  period: r.period as string,
  unitId: r.unit_id as string,
  trigger: r.trigger as ReportSnapshotRow['trigger'],
  generatedBy: (r.generated_by as string | null) ?? null,
  generatedAt: (r.generated_at as Date).toISOString(),
});

export function createReportSnapshotRepository(db: Db) {
  return {
    async insert(s: { period: string; unitId: string; reports: unknown; trigger: ReportSnapshotRow['trigger']; generatedBy: string | null }): Promise<ReportSnapshotRow> {
      const { rows } = await db.query(
        `INSERT INTO report_snapshot AS s (period, unit_id, reports, trigger, generated_by) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING ${HEADER}`,
        [s.period, s.unitId, JSON.stringify(s.reports), s.trigger, s.generatedBy],
      );
      return header(rows[0]);
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

export type ReportSnapshotRepository = ReturnType<typeof createReportSnapshotRepository>;
