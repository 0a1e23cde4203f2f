import type { Report, ReportSnapshot, ReportSnapshotHeader } from '../../contract';
import { REPORT_NAMES } from '../../contract';
import type { ReportRepository } from '../../db/reports';
import type { ReportSnapshotRepository, ReportSnapshotRow } from '../../db/report-snapshots';
import type { SessionUser } from '../../db/users';
import { shanghaiDate } from '../../domain/china-time';
import { mayDeployProcesses } from '../../policy/capabilities';
import { forbidden, notFound, unprocessable } from '../http/problem';
import type { ReportService } from './report-service';

// 定期总结: each unit's reports for a China month, computed once and stored (report_snapshot).
// Reading one returns the stored JSON; nothing is recomputed, so a later correction of a task or
// a complaint leaves last month's summary as it was issued.
//
// The figures are computed as a reader who sees every case (the summary is the unit's, not the
// generator's), so whom a snapshot may be shown to is decided per unit when it is read. Tables
// that name customers (回访日清表, 维修台账, repeat complainants) are not kept: a stored name could
// not be masked later for a reader not cleared for that customer; they stay in the live reports.

/** The reader the figures are computed as: sees every case, names no one. */
const SUMMARY_READER: SessionUser = { id: 'system:monthly-summary', username: 'system', displayName: 'system', unitId: 'hq', roles: [{ role: 'auditor', unitId: 'hq' }] };

const namesCustomers = (t: Report['tables'][number]) => t.columns.some((c) => c.key === 'customer' || c.key === 'customerId');

/** First and last China day of a month. */
export function monthDays(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** The China month before the one `at` falls in. */
export function previousMonth(at: Date): string {
  const day = shanghaiDate(at);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function createReportSnapshotService(repo: ReportSnapshotRepository, reportRepo: ReportRepository, reports: ReportService, now: () => Date = () => new Date()) {
  async function headers(user: SessionUser | undefined, rows: ReportSnapshotRow[]): Promise<ReportSnapshotHeader[]> {
    const [names, mine] = await Promise.all([reportRepo.unitNames(), user ? reportRepo.unitsFor(user) : Promise.resolve(undefined)]);
    const entitled = new Set(mine?.map((u) => u.id));
    return rows.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? { 'zh-CN': r.unitId, en: r.unitId }, masked: mine !== undefined && !entitled.has(r.unitId) }));
  }

  /** One snapshot per unit for `period`; by hand (`by`) or by the monthly schedule (no user). */
  async function generate(by: SessionUser | undefined, period: string): Promise<ReportSnapshotHeader[]> {
    if (by && !mayDeployProcesses(by)) {
      throw forbidden('Only process owners and administrators generate monthly summaries.', { code: 'reportSnapshot.forbidden' });
    }
    // A month still under way would be a summary of half a month, stored for ever.
    if (period >= shanghaiDate(now()).slice(0, 7)) {
      throw unprocessable(`${period} has not ended yet.`, { code: 'reportSnapshot.periodNotOver', params: { period }, errors: [{ path: 'period', message: 'the month has not ended yet' }] });
    }
    const days = monthDays(period);
    const stored: ReportSnapshotRow[] = [];
    // One unit at a time: the five reports of a unit already run their queries side by side.
    for (const unitId of await repo.unitIds()) {
      const body = await Promise.all(REPORT_NAMES.map((name) => reports.read(SUMMARY_READER, name, { ...days, unitId })));
      const kept = body.map((r) => ({ ...r, tables: r.tables.filter((t) => !namesCustomers(t)) }));
      stored.push(await repo.insert({ period, unitId, reports: kept, trigger: by ? 'manual' : 'schedule', generatedBy: by?.id ?? null }));
    }
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
