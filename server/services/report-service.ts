import type { Report, ReportFilter, ReportIndex, ReportName } from '../../contract';
import { REPORT_NAMES } from '../../contract';
import { createReportFigures } from '../../db/report-figures';
import type { ReportRepository } from '../../db/reports';
import type { SessionUser } from '../../db/users';
import { forbidden } from '../http/problem';

// The reports for the API: which unit a reader may ask for is decided here, before any figure is
// read; the figures are db/report-figures.ts's, the rows the reader gets db/reports.ts's.

export function createReportService(repo: ReportRepository) {
  const figures = createReportFigures(repo);
  /** The reader may ask for a unit they hold a role in or above (auditors: any); otherwise 403 before anything is read. */
  async function checkUnit(user: SessionUser, f: ReportFilter) {
    if (!f.unitId) return;
    const units = await repo.unitsFor(user);
    if (!units.some((u) => u.id === f.unitId)) {
      throw forbidden(`Unit ${f.unitId} is not one whose figures you may read.`, { code: 'report.unitOutOfScope', params: { unitId: f.unitId } });
    }
  }

  return {
    async index(user: SessionUser): Promise<ReportIndex> {
      return { reports: [...REPORT_NAMES], units: await repo.unitsFor(user) };
    },
    async read(user: SessionUser, name: ReportName, f: ReportFilter): Promise<Report> {
      await checkUnit(user, f);
      return figures.build(user, name, f);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
