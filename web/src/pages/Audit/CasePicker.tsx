import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Case, CaseStatus } from '../../../../contract';
import { flattenCasePages, useCases } from '../../api/useCases.query';
import { caseStatusColor, caseStatusLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { QueryState } from '../QueryState';
import { useProcessLabel } from '../../api/useProcesses.query';

const STATUSES: CaseStatus[] = ['running', 'completed', 'failed', 'terminated'];
const SEARCH_DEBOUNCE_MS = 300;

/** The cases the user may read (`GET /api/cases`), searched and filtered by the server as on the 案例 page, 加载更多 page by page; a row selects `?case=`. */
export function CasePicker({ selectedId, onSelect }: { selectedId: string; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  const processLabel = useProcessLabel();
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setApplied(q.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [q]);
  const [status, setStatus] = useState<CaseStatus | undefined>();
  const cases = useCases({ ...(applied ? { q: applied } : {}), ...(status ? { status } : {}) });
  const shown = useMemo(() => flattenCasePages(cases.data), [cases.data]);
  const filtered = applied !== '' || status !== undefined;

  return (
    <Card size="small" title={t('audit.pickCase')} extra={cases.data && <Typography.Text type="secondary">{t('audit.caseCount', { n: shown.length })}</Typography.Text>}>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Input
          allowClear
          aria-label={t('audit.search')}
          placeholder={t('audit.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ flex: '1 1 160px' }}
        />
        <Select<CaseStatus | 'any'>
          aria-label={t('case.status')}
          style={{ width: 130 }}
          value={status ?? 'any'}
          onChange={(v) => setStatus(v === 'any' ? undefined : v)}
          options={[{ value: 'any', label: t('cases.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: caseStatusLabel(t, s) }))]}
        />
      </Flex>
      {cases.isError && cases.data && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('cases.refreshFailed')} description={describeError(cases.error, t)} />}
      <QueryState isPending={cases.isPending} error={cases.data ? null : cases.error} onRetry={() => void cases.refetch()}>
        <Table<Case>
          rowKey="id"
          size="small"
          dataSource={shown}
          showHeader={false}
          pagination={{ pageSize: 12, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
          footer={cases.hasNextPage ? () => (
            <Button size="small" block loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
              {t('cases.loadMore')}
            </Button>
          ) : undefined}
          rowClassName={(c) => (c.id === selectedId ? 'sw-audit-picked' : 'sw-audit-pick')}
          onRow={(c) => ({
            // The business key is a link (keyboard); a click anywhere else on the row selects too.
            onClick: (e) => {
              if (!(e.target as HTMLElement).closest('a')) onSelect(c.id);
            },
          })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('cases.emptyFiltered') : t('audit.noCases')} /> }}
          columns={[
            {
              key: 'case',
              render: (_, c) => (
                <div className="sw-audit-pick-cell">
                  <Link to={`?case=${encodeURIComponent(c.id)}`} aria-current={c.id === selectedId ? 'true' : undefined}>
                    {c.businessKey}
                  </Link>
                  <Typography.Text ellipsis={{ tooltip: c.title }}>{c.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {processLabel(c.processKey, c.processVersion)}
                  </Typography.Text>
                </div>
              ),
            },
            {
              key: 'status',
              align: 'right',
              width: 84,
              render: (_, c) => <Tag color={caseStatusColor[c.status] ?? 'default'}>{caseStatusLabel(t, c.status)}</Tag>,
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
