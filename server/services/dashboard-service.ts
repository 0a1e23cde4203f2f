import type { Dashboard, ReportTable } from '../../contract';
import type { DashboardRepository } from '../../db/dashboard';
import type { SessionUser } from '../../db/users';
import { shanghaiDate } from '../../domain/china-time';
import { dashboardCards } from '../../policy/capabilities';
import type { ReportRepository } from '../../db/reports';
import type { ReportService } from './report-service';

// The 首页: one answer with a card per role the reader holds (policy/capabilities.ts dashboardCards).
// The manager's card is the 时效 and 工作量 reports over the last 30 China days, read through the
// report service so its scope and masking are the reports' own; the other cards are
// db/dashboard.ts's reads.

/** The manager's SLA figures cover this many China days, today included. */
export const MANAGER_PERIOD_DAYS = 30;
const LATE_STEPS = 5;

const rowsOf = (t: ReportTable | undefined) => t?.rows ?? [];
const n = (v: unknown) => Number(v ?? 0);

export function createDashboardService(repo: DashboardRepository, reports: ReportService, unitNames: ReportRepository['unitNames'], now: () => Date = () => new Date()) {
  async function manager(user: SessionUser) {
    const today = now();
    const to = shanghaiDate(today);
    const from = shanghaiDate(new Date(today.getTime() - (MANAGER_PERIOD_DAYS - 1) * 86_400_000));
    const [sla, workload] = await Promise.all([reports.read(user, 'sla', { from, to }), reports.read(user, 'workload', { from, to })]);
    const figure = (key: string) => sla.summary.find((s) => s.key === key)?.value ?? null;
    const lateSteps = rowsOf(sla.tables.find((t) => t.key === 'bySteps'))
      .filter((r) => n(r.late) > 0)
      .sort((a, b) => n(b.late) - n(a.late) || n(b.completed) - n(a.completed))
      .slice(0, LATE_STEPS)
      .map((r) => ({ process: String(r.process), step: String(r.step), unitId: String(r.unit), late: n(r.late), completed: n(r.completed) }));
    const backlog = rowsOf(workload.tables.find((t) => t.key === 'byUnit')).map((r) => ({ unitId: String(r.unit), open: n(r.open), overdue: n(r.overdue), escalatedOpen: n(r.escalatedOpen) }));
    return {
      card: { from, to, completed: n(figure('completed')), onTimeRate: figure('onTimeRate'), late: n(figure('late')), escalated: n(figure('escalated')), medianHours: figure('medianHours'), lateSteps, backlog },
      unitNames: { ...sla.unitNames, ...workload.unitNames },
    };
  }

  return {
    async read(user: SessionUser): Promise<Dashboard> {
      const cards = dashboardCards(user);
      const [approver, managed, exceptions, versions, names] = await Promise.all([
        cards.approver ? repo.approver(user) : undefined,
        cards.manager ? manager(user) : undefined,
        cards.auditor ? repo.exceptions(user) : undefined,
        cards.processOwner ? repo.versions(user) : undefined,
        unitNames(),
      ]);
      const dashboard: Dashboard = { unitNames: {} };
      if (approver) dashboard.approver = approver;
      if (managed) dashboard.manager = managed.card;
      if (exceptions) dashboard.auditor = { exceptions: exceptions.list, escalations: exceptions.escalations, openIncidents: exceptions.openIncidents, replayDivergences: exceptions.replayDivergences };
      if (versions) {
        const byKey = new Map<string, NonNullable<Dashboard['processOwner']>['processes'][number]>();
        for (const v of versions) {
          const p = byKey.get(v.key) ?? byKey.set(v.key, { key: v.key, name: v.name, versions: [] }).get(v.key)!;
          p.versions.push({ version: v.version, deployedAt: v.deployedAt, deployedByName: v.deployedByName, running: v.running, ended: v.ended });
        }
        dashboard.processOwner = { processes: [...byKey.values()] };
      }
      // Only the units the cards name, as the reports do.
      const named = new Set<string>([
        ...(approver?.next.map((t) => t.unitId) ?? []),
        ...(managed ? [...managed.card.lateSteps.map((s) => s.unitId), ...managed.card.backlog.map((b) => b.unitId)] : []),
        ...(exceptions?.list.flatMap((e) => [e.fromUnitId, e.toUnitId]).filter((u): u is string => u !== null) ?? []),
      ]);
      dashboard.unitNames = Object.fromEntries([...named].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])));
      return dashboard;
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
