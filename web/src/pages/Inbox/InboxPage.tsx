import { CheckOutlined, FilterOutlined, QuestionCircleOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Flex, Skeleton, Space, Tabs, Tag, Typography, type InputRef } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/hooks';
import { activeFilterCount, hasNarrowingFilters, paramsFromSearch, paramsToSearch } from '../../api/taskListParams';
import type { BulkItemResult, TaskSummary, TaskView } from '../../../../contract';
import type { TaskListParams } from '../../api/listParams';
import { useTaskCounts } from '../../api/useTaskCounts.query';
import { flattenTaskPages, useTasks } from '../../api/useTasks.query';
import { useI18n } from '../../i18n/I18nProvider';
import { lazyPage } from '../../i18n/lazyPage';
import { clampIndex } from '../../lib/listNav';
import { describeError } from '../../lib/problems';
import { useIsPhone } from '../../lib/useIsPhone';
import { loadTaskPageCode, prefetchTask } from '../Task/prefetchTask';
import { taskHref, type TaskLinkState } from '../Task/taskLinks';
import { Filters } from './Filters';
import { RejectPrompt } from './RejectPrompt';
import { SavedViews } from './SavedViews';
import { ShortcutHelp } from './ShortcutHelp';
import { TaskCards } from './TaskCards';
import { TaskTable } from './TaskTable';
import { useInboxKeyboard } from './useInboxKeyboard';
import { useQuickDecision } from './useQuickDecision';
import './inbox.css';
import { LazyDrawer } from '../../components/LazyDrawer';

// Bulk approval (with its progress bar) loads when first opened: the inbox itself stays small (bench B5).
const BulkApproveModal = lazyPage(() => import('./BulkApproveModal').then((m) => ({ default: m.BulkApproveModal })));

/** 待办: the approver's inbox (views, filters, saved views, polling list, bulk approve, keyboard). */
export function InboxPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => paramsFromSearch(searchParams), [searchParams]);
  const setParams = useCallback((next: TaskListParams) => setSearchParams(paramsToSearch(next), { replace: true }), [setSearchParams]);

  const me = useSession().data ?? undefined;
  const tasks = useTasks(params);
  const counts = useTaskCounts();
  const items = useMemo(() => flattenTaskPages(tasks.data), [tasks.data]);
  const { decide, pending } = useQuickDecision();
  const seenProcessKeys = useMemo(() => [...new Set(items.map((task) => task.processKey))], [items]);

  // The active row: remembered by id, with its index as the fallback when the task leaves the list (decided, polled away).
  const arrivedFocus = (location.state as { focusTaskId?: string } | null)?.focusTaskId ?? null;
  const [active, setActive] = useState<{ id: string | null; index: number }>({ id: arrivedFocus, index: 0 });
  const foundIndex = active.id ? items.findIndex((task) => task.id === active.id) : -1;
  const activeIndex = foundIndex >= 0 ? foundIndex : clampIndex(active.index, items.length);
  const activeTask = activeIndex >= 0 ? items[activeIndex] : undefined;
  const [focusRequest, setFocusRequest] = useState(arrivedFocus ? 1 : 0);
  const requestFocus = () => setFocusRequest((n) => n + 1);

  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const selected = useMemo(() => items.filter((task) => selectedIds.includes(task.id)), [items, selectedIds]);
  const approvable = selected.filter((task) => task.actions.complete && task.outcomes.includes('approve'));

  const [bulkOpen, setBulkOpen] = useState(false);
  const [rejecting, setRejecting] = useState<TaskSummary | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<InputRef>(null);
  // A phone gets cards instead of the table and its filters in a drawer (issue 12 §6).
  const phone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);

  useEffect(() => {
    const n = counts.data?.[params.view];
    document.title = n ? `(${n}) ${t('nav.inbox')} · ${t('app.name')}` : `${t('nav.inbox')} · ${t('app.name')}`;
  }, [counts.data, params.view, t]);
  useEffect(
    () => () => {
      document.title = '首问 Shouwen';
    },
    [],
  );
  // Warm the task page's code (page, bpmn-js, form-js) while the approver scans the list, so Enter opens it at once;
  // a row the approver rests on (hover, keyboard focus) has its data fetched too (prefetchTask).
  useEffect(() => {
    const id = window.setTimeout(() => void loadTaskPageCode().catch(() => undefined), 1500);
    return () => window.clearTimeout(id);
  }, []);
  const qc = useQueryClient();
  const prefetch = useCallback((task: TaskSummary) => void prefetchTask(qc, task.id), [qc]);

  const linkState: TaskLinkState = { from: paramsToSearch(params) };
  // The task's data is asked for as the page opens (Enter, double-click), not once it has rendered; a row rested on has it already.
  const open = (task: TaskSummary | undefined) => {
    if (!task) return;
    prefetch(task);
    navigate(taskHref(task.id), { state: linkState });
  };

  // A step with a form is decided on its page, where the form can be filled in (the server checks its data).
  const needsForm = (task: TaskSummary) => {
    if (!task.formId) return false;
    void message.info(t('inbox.needsForm'));
    open(task);
    return true;
  };
  const approve = (task: TaskSummary | undefined) => {
    if (!task || task.status !== 'open' || pending.has(task.id)) return;
    if (!task.actions.complete) {
      void message.info(t('actions.notYours'));
      return;
    }
    if (!task.outcomes.includes('approve')) {
      void message.info(t('inbox.noApprove', { outcomes: task.outcomes.join(', ') }));
      return;
    }
    if (needsForm(task)) return;
    if (task.id === activeTask?.id) advancePast(task);
    decide(task, 'approve').then(refocusIfLost, (err: unknown) => void message.error(describeError(err, t)));
  };
  // Like an e-mail client's archive: the selection moves on at once, so the next `a` acts on the next task.
  const advancePast = (task: TaskSummary) => {
    const at = items.findIndex((x) => x.id === task.id);
    const next = items.slice(at + 1).find((x) => !pending.has(x.id)) ?? items.slice(0, at).reverse().find((x) => !pending.has(x.id));
    if (!next) return;
    setActive({ id: next.id, index: at });
    requestFocus();
  };
  // A decided row leaves the table; if it held the focus, give it to the active row (never steal it from the search box).
  const refocusIfLost = () => {
    window.setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) requestFocus();
    });
  };
  const reject = (task: TaskSummary | undefined) => {
    if (!task || task.status !== 'open' || pending.has(task.id)) return;
    if (!task.actions.complete) {
      void message.info(t('actions.notYours'));
      return;
    }
    if (!task.outcomes.includes('reject')) {
      void message.info(t('inbox.noReject', { outcomes: task.outcomes.join(', ') }));
      return;
    }
    if (needsForm(task)) return;
    setRejecting(task);
  };
  const activate = (task: TaskSummary, index: number) => setActive({ id: task.id, index });
  const move = (delta: 1 | -1) => {
    if (!items.length) return;
    const index = clampIndex(activeIndex + delta, items.length);
    setActive({ id: items[index]!.id, index });
    requestFocus();
  };
  const toggle = (task: TaskSummary | undefined) => {
    if (!task || params.status !== 'open' || !task.actions.complete) return;
    setSelectedIds((ids) => (ids.includes(task.id) ? ids.filter((id) => id !== task.id) : [...ids, task.id]));
  };
  const openBulk = () => {
    if (approvable.length) setBulkOpen(true);
    else if (selected.length) void message.info(t('bulk.noneApprovable'));
  };
  const closeBulk = (results: BulkItemResult[] | null) => {
    setBulkOpen(false);
    if (results) {
      const done = new Set(results.filter((r) => r.ok).map((r) => r.taskId));
      setSelectedIds((ids) => ids.filter((id) => !done.has(id)));
      void tasks.refetch();
    }
    requestFocus();
  };

  const dialogOpen = bulkOpen || rejecting !== null || helpOpen || filtersOpen;
  useInboxKeyboard(
    {
      move,
      open: () => open(activeTask),
      toggle: () => toggle(activeTask),
      approve: () => approve(activeTask),
      reject: () => reject(activeTask),
      bulkApprove: openBulk,
      focusSearch: () => searchRef.current?.focus(),
      escape: () => setSelectedIds([]),
      help: () => setHelpOpen(true),
    },
    !dialogOpen,
  );

  const viewTab = (view: TaskView, label: string) => ({
    key: view,
    label: (
      <Space size={6}>
        {label}
        {/* No number until the counts arrive: a 0 while loading would say the queue is empty. */}
        {counts.data && (
          <Badge
            count={counts.data[view]}
            showZero
            overflowCount={999}
            color={view === params.view ? '#1f6feb' : '#8c8c8c'}
            aria-label={t('inbox.countAria', { n: counts.data[view] })}
          />
        )}
      </Space>
    ),
  });

  const narrowed = hasNarrowingFilters(params);
  const empty = (
    <Empty description={params.status === 'completed' ? t('inbox.emptyCompleted') : narrowed ? t('inbox.emptyFiltered') : t('inbox.empty')}>
      {narrowed && <Button onClick={() => setParams({ view: params.view, status: params.status, sort: params.sort })}>{t('filters.reset')}</Button>}
    </Empty>
  );

  let body;
  if (tasks.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} aria-busy aria-label={t('common.loading')} />;
  } else if (tasks.isError && !tasks.data) {
    body = (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={describeError(tasks.error, t)}
        action={<Button icon={<ReloadOutlined />} onClick={() => void tasks.refetch()}>{t('common.retry')}</Button>}
      />
    );
  } else {
    body = (
      <>
        {tasks.isError && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('inbox.refreshFailed')}
            description={describeError(tasks.error, t)}
            action={<Button size="small" onClick={() => void tasks.refetch()}>{t('common.retry')}</Button>}
          />
        )}
        {phone ? (
          <TaskCards
            items={items}
            status={params.status}
            meId={me?.id}
            selectedIds={selectedIds}
            onSelect={setSelectedIds}
            taskHref={(task) => taskHref(task.id)}
            linkState={linkState}
            onApprove={approve}
            onReject={reject}
            pendingIds={pending}
            loading={tasks.isPlaceholderData}
            empty={empty}
          />
        ) : (
          <TaskTable
            items={items}
            status={params.status}
            meId={me?.id}
            activeId={activeTask?.id ?? null}
            focusRequest={focusRequest}
            selectedIds={selectedIds}
            onSelect={setSelectedIds}
            onActivate={activate}
            onPrefetch={prefetch}
            taskHref={(task) => taskHref(task.id)}
            linkState={linkState}
            onOpen={open}
            onApprove={approve}
            onReject={reject}
            pendingIds={pending}
            loading={tasks.isPlaceholderData}
            empty={empty}
          />
        )}
        <Flex justify="center" style={{ marginTop: 16 }}>
          {tasks.hasNextPage ? (
            <Button onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage}>
              {t('inbox.loadMore')}
            </Button>
          ) : items.length > 0 ? (
            <Typography.Text type="secondary">{t('inbox.allLoaded', { n: items.length })}</Typography.Text>
          ) : null}
        </Flex>
      </>
    );
  }

  return (
    <Card
      className={phone ? 'sw-inbox sw-inbox-phone' : 'sw-inbox'}
      title={
        <Space>
          <span>{t('inbox.title')}</span>
          {tasks.isFetching && !tasks.isPending && <SyncOutlined spin aria-label={t('inbox.refreshing')} style={{ color: '#8c8c8c', fontSize: 14 }} />}
        </Space>
      }
      extra={
        <Space>
          {counts.data && counts.data.overdue > 0 && <Tag color="red">{t('inbox.overdueCount', { n: counts.data.overdue })}</Tag>}
          {counts.data && counts.data.dueSoon > 0 && <Tag color="orange">{t('inbox.dueSoonCount', { n: counts.data.dueSoon })}</Tag>}
          {!phone && (
            <Button icon={<QuestionCircleOutlined />} aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
              {t('keys.button')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={params.view}
        tabBarGutter={phone ? 16 : undefined}
        onChange={(view) => setParams({ ...params, view: view as TaskView })}
        items={[viewTab('mine', t('inbox.view.mine')), viewTab('group', t('inbox.view.group')), viewTab('all', t('inbox.view.all'))]}
      />
      {phone ? (
        <>
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} aria-haspopup="dialog" aria-expanded={filtersOpen}>
              {t('filters.button')}
              {activeFilterCount(params) > 0 && <Badge count={activeFilterCount(params)} size="small" color="#1f6feb" />}
            </Button>
          </Flex>
          <LazyDrawer
            placement="right"
            size="100%"
            open={filtersOpen}
            onClose={() => setFiltersOpen(false)}
            title={t('filters.label')}
            footer={
              <Button type="primary" block size="large" onClick={() => setFiltersOpen(false)}>
                {t('filters.showResults')}
              </Button>
            }
          >
            <Flex vertical gap={16}>
              <Filters params={params} onChange={setParams} searchRef={searchRef} onLeaveSearch={() => setFiltersOpen(false)} seenProcessKeys={seenProcessKeys} stacked listDrawn={!tasks.isPending} />
              <SavedViews params={params} onApply={setParams} />
            </Flex>
          </LazyDrawer>
        </>
      ) : (
        <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
          <Filters params={params} onChange={setParams} searchRef={searchRef} onLeaveSearch={requestFocus} seenProcessKeys={seenProcessKeys} listDrawn={!tasks.isPending} />
          <SavedViews params={params} onApply={setParams} />
        </Flex>
      )}
      {params.status === 'open' && selected.length > 0 && (
        <Flex className={phone ? 'sw-bulk-bar sw-bulk-bar-phone' : 'sw-bulk-bar'} align="center" gap={12} role="region" aria-label={t('bulk.bar')}>
          <span>{t('inbox.selected', { n: selected.length })}</span>
          <Button type="primary" icon={<CheckOutlined />} disabled={!approvable.length} onClick={openBulk} aria-keyshortcuts="Shift+A">
            {t('bulk.button', { n: approvable.length })}
          </Button>
          <Button onClick={() => setSelectedIds([])} aria-keyshortcuts="Escape">
            {t('inbox.clearSelection')}
          </Button>
        </Flex>
      )}
      {body}
      {bulkOpen && (
        <Suspense fallback={null}>
          <BulkApproveModal tasks={approvable} skipped={selected.length - approvable.length} onClose={closeBulk} />
        </Suspense>
      )}
      {rejecting && (
        <RejectPrompt
          task={rejecting}
          onCancel={() => {
            setRejecting(null);
            requestFocus();
          }}
          onSubmit={(comment) =>
            decide(rejecting, 'reject', comment).then(() => {
              setRejecting(null);
              refocusIfLost();
            })
          }
        />
      )}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <span className="sw-visually-hidden" aria-live="polite">
        {counts.data ? t('inbox.liveCount', { view: t(`inbox.view.${params.view}`), n: counts.data[params.view] }) : ''}
      </span>
    </Card>
  );
}
