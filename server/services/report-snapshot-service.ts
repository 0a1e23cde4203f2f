import type { Report, ReportSnapshot, ReportSnapshotHeader } from '../../contract';
import type { Db } from '../../db/pool';
import type { ReportRepository } from '../../db/reports';
import { generateReportSnapshots, type ReportSnapshotRepository, type ReportSnapshotRow } from '../../db/report-snapshots';
import type { SessionUser } from '../../db/users';
import { shanghaiDate } from '../../domain/china-time';
import { mayDeployProcesses } from '../../policy/capabilities';
import { forbidden, notFound, unprocessable } from '../http/problem';

// 定期总结: each unit's reports for a China month, computed once and stored (report_snapshot).
// Reading one returns the stored JSON; nothing is recomputed, so a later correction of a task or
// a complaint leaves last month's summary as it was issued.
//
// The figures are computed as a reader who sees every case (db/report-snapshots.ts), so whom a
// snapshot may be shown to is decided per unit when it is read.

export function createReportSnapshotService(db: Db, repo: ReportSnapshotRepository, reportRepo: ReportRepository, now: () => Date = () => new Date()) {
  async function headers(user: SessionUser | undefined, rows: ReportSnapshotRow[]): Promise<ReportSnapshotHeader[]> {
    const [names, mine] = await Promise.all([reportRepo.unitNames(), user ? reportRepo.unitsFor(user) : Promise.resolve(undefined)]);
    const entitled = new Set(mine?.map((u) => u.id));
    return rows.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? { 'zh-CN': r.unitId, en: r.unitId }, masked: mine !== undefined && !entitled.has(r.unitId) }));
  }

  /** By hand: one snapshot per unit for `period` (the monthly run is the monthly-report-summary diagram's). */
  async function generate(by: SessionUser, period: string): Promise<ReportSnapshotHeader[]> {
    if (!mayDeployProcesses(by)) {
      throw forbidden('Only process owners and administrators generate monthly summaries.', { code: 'reportSnapshot.forbidden' });
    }
    // A month still under way would be a summary of half a month, stored for ever.
    if (period >= shanghaiDate(now()).slice(0, 7)) {
      throw unprocessable(`${period} has not ended yet.`, { code: 'reportSnapshot.periodNotOver', params: { period }, errors: [{ path: 'body.period', message: 'the month has not ended yet' }] });
    }
    const stored = await generateReportSnapshots(db, { period, trigger: 'manual', generatedBy: by.id });
    return headers(by, stored);
  }

  return {
    generate,
    async list(user: SessionUser, period?: string) {
      return { items: await headers(user, await repo.list(period)) };
    },
    async read(user: SessionUser, id: string): Promise<ReportSnapshot> {
      const row = await repo.get(id);
      if (!row) throw notFound(`No monthly summary ${id}.`, { code: 'reportSnapshot.notFound', params: { id } });
      const h = (await headers(user, [row]))[0]!;
      return { ...h, reports: h.masked ? null : (row.reports as Report[]) };
    },
  };
}

export type ReportSnapshotService = ReturnType<typeof createReportSnapshotService>;
