import { ClearOutlined, DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Person } from '../../components/Person';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Case, CaseStatus } from '../../../../contract';
import { FILTER_YEARS } from '../../../../contract/input-limits';
import type { CaseListParams } from '../../api/listParams';
import { caseExportHref, caseParamsFromSearch, caseParamsToSearch, hasCaseFilters } from '../../api/caseListParams';
import { dueDayProblem } from '../../api/taskListParams';
import { flattenCasePages, useCases } from '../../api/useCases.query';
import { useProcessName, useProcesses } from '../../api/useProcesses.query';
import { useSession } from '../../api/hooks';
import { isReadOnlyUser } from '../../lib/roles';
import { RelativeTime } from '../../components/RelativeTime';
import { caseStatusColor, caseStatusLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { QueryState } from '../QueryState';
import { caseHref } from './caseLinks';
import { NewCaseModal } from './NewCaseModal';
import { processText } from '../../lib/processNames';
import { DayPicker } from '../../components/DayPicker';

const STATUSES: CaseStatus[] = ['running', 'completed', 'failed', 'terminated'];

/**
 * 案例: 全部 / 我负责的 (首问责任制, owner=me), searched and filtered by the server (业务编号 and the
 * numbers a case was given, customer, title; process, status, period), 加载更多 page by page, 导出 CSV
 * of the same filters, and 新建 to start a case of any deployed process.
 */
export function CasesPage() {
  const { t, lang } = useI18n();
  const processes = useProcesses();
  const processName = useProcessName();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => caseParamsFromSearch(search), [search]);
  const setParams = (next: CaseListParams) => setSearch(caseParamsToSearch(next), { replace: true });
  const cases = useCases(params);
  const rows = useMemo(() => flattenCasePages(cases.data), [cases.data]);
  const [creating, setCreating] = useState(false);
  // Starting a case is acting (auditors read only): POST /api/cases asks for the same capability.
  const mayStart = !isReadOnlyUser(useSession().data);
  const filtered = hasCaseFilters({ ...params, owner: undefined });

  return (
    <Card
      title={t('cases.title')}
      extra={
        <Space>
          <Tooltip title={t('cases.exportHint')}>
            <Button icon={<DownloadOutlined />} href={caseExportHref(params, lang)} download>
              {t('cases.export')}
            </Button>
          </Tooltip>
          {mayStart && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('cases.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={params.owner ?? 'all'}
        onChange={(k) => setParams({ ...params, owner: k === 'me' ? 'me' : undefined })}
        items={[
          { key: 'all', label: t('cases.tab.all') },
          { key: 'me', label: t('cases.tab.mine') },
        ]}
        style={{ marginBottom: 0 }}
      />
      <CaseFilters params={params} onChange={setParams} processOptions={(processes.data ?? []).map((p) => ({ value: p.key, label: processText(p.key, p.name, t) }))} />
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
          dataSource={rows}
          loading={cases.isPlaceholderData}
          pagination={false}
          locale={{
            emptyText: (
              <Empty description={params.owner || filtered ? t('cases.emptyFiltered') : t('cases.empty')}>
                {mayStart && !params.owner && !filtered && (
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
        {rows.length > 0 && (
          <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" aria-live="polite">
              {cases.hasNextPage ? t('cases.shown', { n: rows.length }) : t('cases.allShown', { n: rows.length })}
            </Typography.Text>
            {cases.hasNextPage && (
              <Button loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
                {t('cases.loadMore')}
              </Button>
            )}
          </Flex>
        )}
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

/** The search box (applied on Enter or 搜索), process, status and the period; a day that is not one is explained beside it. */
function CaseFilters({ params, onChange, processOptions }: { params: CaseListParams; onChange: (p: CaseListParams) => void; processOptions: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(params.q ?? '');
  const [shownQ, setShownQ] = useState(params.q);
  if (shownQ !== params.q) {
    setShownQ(params.q);
    setDraft(params.q ?? '');
  }
  if (params.processKey && !processOptions.some((o) => o.value === params.processKey)) processOptions = [...processOptions, { value: params.processKey, label: params.processKey }];

  return (
    <Flex wrap gap={8} align="flex-start" role="search" aria-label={t('cases.filters')} style={{ margin: '8px 0' }}>
      <Input.Search
        allowClear
        aria-label={t('cases.search')}
        placeholder={t('cases.searchPlaceholder')}
        value={draft}
        enterButton={<SearchOutlined aria-label={t('cases.search')} />}
        onChange={(e) => {
          setDraft(e.target.value);
          if (!e.target.value) onChange({ ...params, q: undefined });
        }}
        onSearch={(v) => onChange({ ...params, q: v.trim() || undefined })}
        style={{ width: 380 }}
      />
      {/* Explicit ids: without them every Select of the page (and 新建's dialog title) may get the same generated one. */}
      <Select
        id="sw-cases-process"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('filters.allProcesses')}
        aria-label={t('cases.processFilter')}
        value={params.processKey}
        onChange={(v?: string) => onChange({ ...params, processKey: v || undefined })}
        options={processOptions}
        style={{ width: 200 }}
      />
      <Select<CaseStatus | 'any'>
        id="sw-cases-status"
        aria-label={t('cases.statusFilter')}
        style={{ width: 130 }}
        value={params.status ?? 'any'}
        onChange={(v) => onChange({ ...params, status: v === 'any' ? undefined : v })}
        options={[{ value: 'any', label: t('cases.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: caseStatusLabel(t, s) }))]}
      />
      <DayField label={t('cases.from')} id="sw-cases-from" value={params.from} onChange={(from) => onChange({ ...params, from })} />
      <DayField label={t('cases.to')} id="sw-cases-to" value={params.to} onChange={(to) => onChange({ ...params, to })} />
      {(hasCaseFilters({ ...params, owner: undefined }) || draft) && (
        <Button
          icon={<ClearOutlined />}
          onClick={() => {
            setDraft('');
            onChange({ owner: params.owner });
          }}
        >
          {t('filters.reset')}
        </Button>
      )}
    </Flex>
  );
}

/** A China calendar day; applied once it is one the API accepts, else the problem shows beside it. */
function DayField({ label, id, value, onChange }: { label: string; id: string; value: string | undefined; onChange: (day: string | undefined) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value ?? '');
  }
  const problem = draft ? dueDayProblem(draft) : null;
  return (
    <Flex vertical>
      <DayPicker
        label={label}
        prefix={<span className="sw-input-label">{label}</span>}
        value={draft}
        invalid={Boolean(problem)}
        describedBy={problem ? `${id}-problem` : undefined}
        onChange={(day) => {
          setDraft(day);
          if (!day) onChange(undefined);
          else if (!dueDayProblem(day)) onChange(day);
        }}
      />
      {problem && (
        <span id={`${id}-problem`} className="sw-error-text" role="alert">
          {problem === 'outOfRange' ? t('filters.dueOutOfRange', { min: FILTER_YEARS.min, max: FILTER_YEARS.max }) : t('filters.dueInvalid')}
        </span>
      )}
    </Flex>
  );
}
