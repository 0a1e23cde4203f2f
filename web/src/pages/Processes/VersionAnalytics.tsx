import { Alert, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProcessAnalytics } from '../../../../contract';
import { useElementCases } from '../../api/useProcessAnalytics.query';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, elementText } from '../../lib/problems';
import { formatCell } from '../../lib/reportFormat';
import { caseHref } from '../Cases/caseLinks';

/** The figures behind the heatmap, one row per step; a row (or the step on the diagram) lists its cases. */
export function ElementFiguresTable({ data, selected, onSelect }: { data: ProcessAnalytics; selected: string | null; onSelect: (id: string) => void }) {
  const { t, lang } = useI18n();
  const hours = (v: number | null) => formatCell(v, 'hours', lang);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('analytics.cases', { running: data.running, ended: data.ended })}</Typography.Text>
      <Table
        size="small"
        rowKey="elementId"
        pagination={false}
        aria-label={t('analytics.table')}
        dataSource={data.elements}
        rowClassName={(e) => (e.elementId === selected ? 'ant-table-row-selected' : '')}
        onRow={(e) => ({ onClick: () => onSelect(e.elementId), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.none')} /> }}
        columns={[
          { title: t('analytics.step'), render: (_, e) => elementText({ elementId: e.elementId, elementType: e.elementType, elementName: e.name }, t) },
          { title: t('analytics.active'), dataIndex: 'active', align: 'right' },
          { title: t('analytics.incidents'), render: (_, e) => (e.incidents ? <Tag color="red">{e.incidents}</Tag> : 0), align: 'right' },
          { title: t('analytics.completed'), dataIndex: 'completed', align: 'right' },
          { title: t('analytics.average'), render: (_, e) => hours(e.averageHours), align: 'right' },
          { title: t('analytics.p90'), render: (_, e) => hours(e.p90Hours), align: 'right' },
        ]}
      />
    </Space>
  );
}

/** The cases that reached one step: those there now first, by title (masked where the reader is not cleared), unit by name. */
export function ElementCaseList({ processKey, version, elementId, name }: { processKey: string; version: number; elementId: string; name: string }) {
  const { t, lang } = useI18n();
  const cases = useElementCases(processKey, version, elementId);
  if (cases.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (cases.isError) return <Alert type="error" showIcon title={t('common.loadFailed')} description={describeError(cases.error, t)} />;
  return (
    <section aria-label={t('analytics.casesAt', { step: name })}>
    <List
      size="small"
      header={<Typography.Text strong>{t('analytics.casesAt', { step: name })}</Typography.Text>}
      dataSource={cases.data.items}
      footer={cases.data.truncated ? <Typography.Text type="secondary">{t('analytics.truncated')}</Typography.Text> : undefined}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noCases')} /> }}
      renderItem={(c) => (
        <List.Item extra={<Typography.Text type="secondary">{formatCell(c.since, 'datetime', lang)}</Typography.Text>}>
          <Space size={6}>
            {c.active ? <Tag color="orange">{t('analytics.here')}</Tag> : <Tag>{t('analytics.passed')}</Tag>}
            <Link to={caseHref(c.caseId)}>{c.title}</Link>
            <Typography.Text type="secondary">
              {c.businessKey} · {formatCell(c.unitId, 'unit', lang, cases.data.unitNames)}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
    </section>
  );
}
