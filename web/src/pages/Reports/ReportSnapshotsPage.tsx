import { Alert, Button, Card, Flex, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { reportWord } from '../../../../contract/report-words';
import { useSession } from '../../api/hooks';
import { useGenerateReportSnapshots, useReportSnapshot, useReportSnapshots } from '../../api/useReportSnapshots.query';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { canDeployProcesses } from '../../lib/roles';
import { ReportFigures } from './ReportsPage';
import { DayPicker } from '../../components/DayPicker';
import { formatChinaDateTime } from '../../lib/time';

/** 定期总结: the monthly summaries as stored; one opened shows its reports exactly as they were then. */
export function ReportSnapshotsPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const me = useSession().data;
  const list = useReportSnapshots();
  const generate = useGenerateReportSnapshots();
  const [period, setPeriod] = useState('');
  return (
    <Card title={t('snapshots.title')}>
      <Typography.Paragraph type="secondary">{t('snapshots.hint')}</Typography.Paragraph>
      {canDeployProcesses(me) && (
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <DayPicker picker="month" label={t('snapshots.period')} value={period} onChange={setPeriod} />
          <Button type="primary" disabled={!period} loading={generate.isPending} onClick={() => generate.mutate(period)}>
            {t('snapshots.generate')}
          </Button>
        </Flex>
      )}
      {generate.isError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={describeError(generate.error, t)} />}
      {list.isError && <Alert type="error" showIcon title={describeError(list.error, t)} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => navigate(`/report-snapshots/${r.id}`), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.id === id ? 'ant-table-row-selected' : '')}
        columns={[
          { key: 'period', title: t('snapshots.period'), dataIndex: 'period' },
          { key: 'unit', title: t('reports.unit'), render: (_, r) => r.unitName[lang === 'zh-CN' ? 'zh-CN' : 'en'] },
          { key: 'trigger', title: t('snapshots.trigger'), render: (_, r) => (r.trigger === 'schedule' ? t('snapshots.bySchedule') : t('snapshots.byHand', { user: r.generatedBy ?? '' })) },
          { key: 'at', title: t('snapshots.generatedAt'), render: (_, r) => formatChinaDateTime(r.generatedAt, lang) },
          { key: 'masked', title: '', render: (_, r) => r.masked && <Tag>{t('snapshots.masked')}</Tag> },
        ]}
      />
      {id && <SnapshotView id={id} />}
    </Card>
  );
}

function SnapshotView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const s = useReportSnapshot(id);
  if (s.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!s.data) return <Alert type="error" showIcon title={describeError(s.error, t)} />;
  const snap = s.data;
  return (
    <section aria-label={t('snapshots.one', { period: snap.period, unit: snap.unitName[lang === 'zh-CN' ? 'zh-CN' : 'en'] })} style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('snapshots.one', { period: snap.period, unit: snap.unitName[lang === 'zh-CN' ? 'zh-CN' : 'en'] })}</Typography.Title>
      {snap.reports === null ? (
        <Alert type="info" showIcon title={t('snapshots.maskedHint')} />
      ) : (
        <Tabs items={snap.reports.map((r) => ({ key: r.name, label: reportWord(`report.${r.name}`, lang), children: <ReportFigures name={r.name} report={r} /> }))} />
      )}
    </section>
  );
}
