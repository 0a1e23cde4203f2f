import { PlusOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { Alert, Button, Card, Empty, Flex, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Case, CaseStatus } from '../../../../contract';
import type { CaseListParams } from '../../api/listParams';
import { useCases } from '../../api/useCases.query';
import { useProcesses } from '../../api/useProcesses.query';
import { useSession } from '../../api/hooks';
import { isReadOnlyUser } from '../../lib/roles';
import { RelativeTime } from '../../components/RelativeTime';
import { caseStatusColor, caseStatusLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { QueryState } from '../QueryState';
import { caseHref } from './caseLinks';
import { NewCaseModal } from './NewCaseModal';

const STATUSES: CaseStatus[] = ['running', 'completed', 'failed', 'terminated'];

/** 案例: 全部 / 我负责的 (首问责任制, owner=me) with a status filter, and 新建 to start a case of any deployed process. */
export function CasesPage() {
  const { t } = useI18n();
  const processes = useProcesses();
  const processName = (key: string) => processes.data?.find((p) => p.key === key)?.name ?? key;
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo<CaseListParams>(() => {
    const status = search.get('status');
    return {
      ...(search.get('owner') === 'me' ? { owner: 'me' as const } : {}),
      ...(status && (STATUSES as string[]).includes(status) ? { status: status as CaseStatus } : {}),
    };
  }, [search]);
  const setParams = (next: CaseListParams) => {
    const q = new URLSearchParams();
    if (next.owner) q.set('owner', next.owner);
    if (next.status) q.set('status', next.status);
    setSearch(q, { replace: true });
  };
  const cases = useCases(params);
  const [creating, setCreating] = useState(false);
  // Starting a case is acting (auditors read only): POST /api/cases asks for the same capability.
  const mayStart = !isReadOnlyUser(useSession().data);

  return (
    <Card
      title={t('cases.title')}
      extra={
        mayStart && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('cases.new')}
          </Button>
        )
      }
    >
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Tabs
          activeKey={params.owner ?? 'all'}
          onChange={(k) => setParams({ ...params, owner: k === 'me' ? 'me' : undefined })}
          items={[
            { key: 'all', label: t('cases.tab.all') },
            { key: 'me', label: t('cases.tab.mine') },
          ]}
          style={{ marginBottom: 0 }}
        />
        <Space>
          <label htmlFor="sw-case-status" className="sw-input-label">
            {t('case.status')}
          </label>
          <Select<CaseStatus | 'any'>
            id="sw-case-status"
            style={{ width: 150 }}
            value={params.status ?? 'any'}
            onChange={(v) => setParams({ ...params, status: v === 'any' ? undefined : v })}
            options={[{ value: 'any', label: t('cases.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: caseStatusLabel(t, s) }))]}
          />
        </Space>
      </Flex>
      {params.owner === 'me' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('cases.mineHint')}
        </Typography.Paragraph>
      )}
      {cases.isError && cases.data && <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('cases.refreshFailed')} description={describeError(cases.error, t)} />}
      <QueryState isPending={cases.isPending} error={cases.data ? null : cases.error} onRetry={() => void cases.refetch()}>
        <Table<Case>
          rowKey="id"
          size="middle"
          dataSource={cases.data}
          loading={cases.isPlaceholderData}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Empty description={params.owner || params.status ? t('cases.emptyFiltered') : t('cases.empty')}>
                {mayStart && !params.owner && !params.status && (
                  <Button type="primary" onClick={() => setCreating(true)}>
                    {t('cases.new')}
                  </Button>
                )}
              </Empty>
            ),
          }}
          onRow={(c) => ({ onDoubleClick: () => navigate(caseHref(c.id)) })}
          columns={[
            { title: t('case.businessKey'), render: (_, c) => <Link to={caseHref(c.id)}>{c.businessKey}</Link> },
            { title: t('case.title'), dataIndex: 'title' },
            { title: t('case.process'), render: (_, c) => `${processName(c.processKey)} v${c.processVersion}` },
            { title: t('case.status'), dataIndex: 'status', render: (s: string) => <Tag color={caseStatusColor[s] ?? 'default'}>{caseStatusLabel(t, s)}</Tag> },
            { title: t('context.owner'), render: (_, c) => (c.ownerId ? <Person id={c.ownerId} name={c.ownerName} /> : '—') },
            { title: t('case.startedAt'), render: (_, c) => <RelativeTime iso={c.startedAt} /> },
            { title: t('case.endedAt'), render: (_, c) => <RelativeTime iso={c.endedAt} /> },
          ]}
        />
      </QueryState>
      {creating && (
        <NewCaseModal
          onClose={() => setCreating(false)}
          onStarted={(id) => {
            setCreating(false);
            navigate(caseHref(id));
          }}
        />
      )}
    </Card>
  );
}
