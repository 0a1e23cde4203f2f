import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, InputNumber, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { lazy, Suspense, useMemo, useRef } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Report, ReportName, ReportTable } from '../../../../contract';
import { REPORT_NAMES, reportWord } from '../../../../contract/report-words';
import { reportExportHref, reportParamsFromSearch, reportParamsToSearch, useReport, useReportIndex, type ReportParams } from '../../api/useReports.query';
import { useProcesses } from '../../api/useProcesses.query';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { ApiError } from '../../api/http';
import { useSession } from '../../api/hooks';
import { canReadReports } from '../../lib/roles';
import { codeLabel, currentChinaMonth, formatCell, type UnitNames } from '../../lib/reportFormat';
import { processText } from '../../lib/processNames';
import { DayPicker } from '../../components/DayPicker';

// The chart library loads only when a report is drawn (a chunk of its own, never the inbox's).
const ReportChart = lazy(() => import('./ReportChart'));

const isReport = (n: string | undefined): n is ReportName => (REPORT_NAMES as readonly string[]).includes(n ?? '');

/** 报表: one tab per report, filtered by period (China days), unit, process and version; figures, a chart, tables, exports. */
export function ReportsPage() {
  const { name } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => {
    const p = reportParamsFromSearch(search);
    return p.from || p.to ? p : { ...p, ...currentChinaMonth(new Date()) };
  }, [search]);
  // Two changes in a row (a date, then the other, before the page re-renders) each build on the
  // one before, not on the params this render saw.
  const latest = useRef(params);
  latest.current = params;
  const me = useSession().data;
  if (!isReport(name)) return <Navigate to="/reports/sla" replace />;
  // Someone without the role, at the address: told why by the API's own words, without asking it (a refused request per report).
  if (me && !canReadReports(me)) {
    return (
      <Card title={t('reports.title')}>
        <Alert type="info" showIcon title={describeError(new ApiError(403, { code: 'report.forbidden' }), t)} />
      </Card>
    );
  }
  const setParams = (patch: Partial<ReportParams>) => {
    latest.current = { ...latest.current, ...patch };
    setSearch(reportParamsToSearch(latest.current), { replace: true });
  };

  return (
    <Card
      title={t('reports.title')}
      extra={
        <Space>
          <Button onClick={() => navigate('/report-snapshots')}>{t('snapshots.title')}</Button>
          <Button icon={<DownloadOutlined />} href={reportExportHref(name, params, 'xlsx', lang)} download>
            {t('reports.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={reportExportHref(name, params, 'csv', lang)} download>
            {t('reports.exportCsv')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={name}
        onChange={(k) => navigate({ pathname: `/reports/${k}`, search: reportParamsToSearch(params).toString() })}
        items={REPORT_NAMES.map((n) => ({ key: n, label: reportWord(`report.${n}`, lang) }))}
      />
      <ReportFilters params={params} onChange={setParams} />
      <ReportBody name={name} params={params} />
    </Card>
  );
}

function ReportFilters({ params, onChange }: { params: ReportParams; onChange: (patch: Partial<ReportParams>) => void }) {
  const { t, lang } = useI18n();
  const index = useReportIndex();
  const processes = useProcesses();
  return (
    <Flex wrap gap={8} role="search" aria-label={t('reports.filters')} style={{ marginBottom: 16 }}>
      <DayPicker label={t('reports.from')} prefix={<span className="sw-input-label">{t('reports.from')}</span>} value={params.from ?? ''} onChange={(day) => onChange({ from: day || undefined })} />
      <DayPicker label={t('reports.to')} prefix={<span className="sw-input-label">{t('reports.to')}</span>} value={params.to ?? ''} onChange={(day) => onChange({ to: day || undefined })} />
      <Select
        id="sw-reports-unit"
        allowClear
        aria-label={t('reports.unit')}
        placeholder={t('reports.allUnits')}
        value={params.unitId}
        onChange={(v?: string) => onChange({ unitId: v || undefined })}
        options={(index.data?.units ?? []).map((u) => ({ value: u.id, label: `${'　'.repeat(u.path.split('/').length - 1)}${lang === 'zh-CN' ? u.name : u.nameEn}` }))}
        style={{ width: 200 }}
      />
      <Select
        id="sw-reports-process"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('reports.process')}
        placeholder={t('filters.allProcesses')}
        value={params.processKey}
        onChange={(v?: string) => onChange({ processKey: v || undefined, processVersion: undefined })}
        options={(processes.data ?? []).map((p) => ({ value: p.key, label: processText(p.key, p.name, t) }))}
        style={{ width: 220 }}
      />
      {params.processKey && (
        <InputNumber
          aria-label={t('reports.version')}
          placeholder={t('reports.allVersions')}
          min={1}
          precision={0}
          value={params.processVersion ?? null}
          onChange={(v) => onChange({ processVersion: typeof v === 'number' ? v : undefined })}
          style={{ width: 120 }}
        />
      )}
    </Flex>
  );
}

function ReportBody({ name, params }: { name: ReportName; params: ReportParams }) {
  const { t } = useI18n();
  const report = useReport(name, params);
  if (report.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!report.data) {
    return <Alert type="error" showIcon title={t('reports.loadFailed')} description={describeError(report.error, t)} action={<Button onClick={() => void report.refetch()}>{t('common.retry')}</Button>} />;
  }
  return (
    <div aria-busy={report.isFetching}>
      {report.isError && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('reports.refreshFailed')} description={describeError(report.error, t)} />}
      <ReportFigures name={name} report={report.data} />
    </div>
  );
}

/** A report's figures, chart and tables: live (above) or as a monthly summary stored them. */
export function ReportFigures({ name, report: r }: { name: ReportName; report: Report }) {
  const { t, lang } = useI18n();
  const empty = r.tables.every((tb) => tb.rows.length === 0) && r.chart.points.every((p) => p.y === 0);
  const points = r.chart.points.map((p) => ({ ...p, series: codeLabel(p.group, lang), xLabel: codeLabel(p.x, lang) }));
  return (
    <div>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {r.summary.map((s) => (
          <Col key={s.key} xs={12} md={8} lg={4}>
            <Statistic title={reportWord(`sum.${s.key}`, lang)} value={formatCell(s.value, s.type, lang)} />
          </Col>
        ))}
      </Row>
      {name === 'workload' && <Typography.Paragraph type="secondary">{t('reports.workloadHint')}</Typography.Paragraph>}
      {empty ? (
        <Empty description={t('reports.empty')} />
      ) : (
        <>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }} />}>
            <ReportChart kind={r.chart.kind} points={points} label={reportWord(`report.${name}`, lang)} />
          </Suspense>
          {r.tables.map((tb) => (
            <ReportTableCard key={tb.key} table={tb} units={r.unitNames} />
          ))}
        </>
      )}
    </div>
  );
}

function ReportTableCard({ table, units }: { table: ReportTable; units: UnitNames }) {
  const { t, lang } = useI18n();
  return (
    <section style={{ marginTop: 24 }} aria-label={reportWord(`table.${table.key}`, lang)}>
      <Typography.Title level={5}>{reportWord(`table.${table.key}`, lang)}</Typography.Title>
      {table.truncated && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('reports.truncated')} />}
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        dataSource={table.rows}
        pagination={table.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.emptyTable')} /> }}
        columns={table.columns.map((c) => ({
          key: c.key,
          title: reportWord(`col.${c.key}`, lang),
          align: ['count', 'rate', 'hours', 'score', 'money'].includes(c.type) ? ('right' as const) : undefined,
          render: (_: unknown, row: Record<string, string | number | boolean | null>) => formatCell(row[c.key], c.type, lang, units),
        }))}
      />
    </section>
  );
}
