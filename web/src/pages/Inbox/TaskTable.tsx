import { CheckOutlined, CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { TaskSummary } from '../../../../contract';
import { useProcesses } from '../../api/useProcesses.query';
import { LazyTooltip } from '../../components/LazyTooltip';
import { PlainTag } from '../../components/PlainTag';
import { RelativeTime } from '../../components/RelativeTime';
import { EscalationTag, PriorityTag, SlaBadge } from '../../components/SlaBadge';
import { outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { ticked } from './rowTicks';

interface Props {
  items: TaskSummary[];
  status: 'open' | 'completed';
  meId: string | undefined;
  activeId: string | null;
  /** Bumped when the keyboard moved the active row: the row then takes DOM focus. */
  focusRequest: number;
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
  onActivate: (task: TaskSummary, index: number) => void;
  /** The approver rests on a row (pointer a moment, or keyboard focus): its task page may be fetched ahead. */
  onPrefetch: (task: TaskSummary) => void;
  taskHref: (task: TaskSummary) => string;
  linkState: unknown;
  onOpen: (task: TaskSummary) => void;
  onApprove: (task: TaskSummary) => void;
  onReject: (task: TaskSummary) => void;
  pendingIds: ReadonlySet<string>;
  loading: boolean;
  empty: ReactNode;
}

/** The inbox rows: roving focus (one tabbable active row), selection checkboxes, quick approve / reject. */
export function TaskTable(props: Props) {
  const { t } = useI18n();
  // The process's name from its diagram (客户投诉管理流程), its key as the tooltip; the key alone until the names load.
  const processes = useProcesses();
  const processColumn = {
    title: t('task.process'),
    dataIndex: 'processKey',
    responsive: ['lg' as const],
    render: (key: string) => {
      const name = processes.data?.find((p) => p.key === key)?.name;
      return name && name !== key ? (
        <LazyTooltip title={key}>
          <span>{name}</span>
        </LazyTooltip>
      ) : (
        key
      );
    },
  };
  const wrapper = useRef<HTMLDivElement>(null);
  const restTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(restTimer.current), []);
  // A pointer passing over the list, or `j` held down, fetches nothing; resting on a row for a moment does.
  const restOn = (task: TaskSummary) => {
    window.clearTimeout(restTimer.current);
    restTimer.current = window.setTimeout(() => props.onPrefetch(task), 80);
  };
  const focusHandled = useRef(0);
  const { activeId, focusRequest } = props;

  // Only an explicit request moves DOM focus: a poll that changes the rows must not pull focus out of the search box.
  useEffect(() => {
    if (focusRequest === focusHandled.current || !activeId) return;
    focusHandled.current = focusRequest;
    const row = wrapper.current?.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(activeId)}"]`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest, activeId]);

  // A row's own checkbox is a styled native input: antd's Checkbox in each of 50 rows made 登录 → rows
  // 20–45 ms slower (issue 19). Shift-click extends from the last box ticked, as antd's did.
  const lastTicked = useRef<number | null>(null);
  const toggle = (index: number, shift: boolean) => {
    const next = ticked(props.items, props.selectedIds, index, lastTicked.current, shift);
    lastTicked.current = next.lastTicked;
    props.onSelect(next.selectedIds);
  };

  const assignee = (task: TaskSummary) =>
    task.assigneeId === null ? (
      <PlainTag>{t('task.unassigned')}</PlainTag>
    ) : task.assigneeId === props.meId ? (
      <PlainTag color="blue">{t('task.me')}</PlainTag>
    ) : (
      <Person id={task.assigneeId} name={task.assigneeName} />
    );

  const nameColumn: ColumnsType<TaskSummary>[number] = {
    title: t('task.name'),
    key: 'name',
    render: (_, task) => (
      <div className="sw-task-cell">
        <Link
          to={props.taskHref(task)}
          state={props.linkState}
          tabIndex={-1}
          className="sw-task-link"
          // Pressed without resting first: the task's data is asked for now, not once its page has rendered.
          onPointerDown={() => {
            window.clearTimeout(restTimer.current);
            props.onPrefetch(task);
          }}
        >
          {task.name}
        </Link>
        <span className="sw-text-secondary sw-task-case">
          {task.caseTitle} · {task.businessKey}
        </span>
      </div>
    ),
  };

  const openColumns: ColumnsType<TaskSummary> = [
    { title: t('task.priority'), dataIndex: 'priority', width: 64, render: (p: number) => <PriorityTag priority={p} /> },
    nameColumn,
    { title: t('task.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? <span className="sw-text-secondary">—</span> },
    processColumn,
    {
      title: t('task.sla'),
      key: 'sla',
      render: (_, task) => (
        <span className="sw-row-tags">
          <SlaBadge sla={task.sla} dueAt={task.dueAt} />
          <EscalationTag level={task.escalationLevel} />
        </span>
      ),
    },
    { title: t('task.due'), dataIndex: 'dueAt', render: (v: string | null, task) => <RelativeTime iso={v} danger={task.sla === 'overdue'} /> },
    { title: t('task.assignee'), key: 'assignee', render: (_, task) => assignee(task), responsive: ['md'] },
    { title: t('task.created'), dataIndex: 'createdAt', render: (v: string) => <RelativeTime iso={v} />, responsive: ['xl'] },
    {
      title: <span className="sw-visually-hidden">{t('task.actions')}</span>,
      key: 'actions',
      width: 150,
      render: (_, task) => {
        const pending = props.pendingIds.has(task.id);
        // Quick decisions only where the server says this user may complete the task (auditors: never).
        if (!task.actions.complete) return null;
        return (
          <span className="sw-row-actions">
            {task.outcomes.includes('approve') && (
              <LazyTooltip title={`${t('outcome.approve')} (a)`}>
                <button
                  type="button"
                  className="sw-quick sw-quick-approve"
                  tabIndex={-1}
                  disabled={pending}
                  aria-busy={pending || undefined}
                  aria-label={`${t('outcome.approve')}: ${task.name} · ${task.businessKey}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onApprove(task);
                  }}
                >
                  {pending ? <LoadingOutlined /> : <CheckOutlined />}
                </button>
              </LazyTooltip>
            )}
            {task.outcomes.includes('reject') && (
              <LazyTooltip title={`${t('outcome.reject')} (r)`}>
                <button
                  type="button"
                  className="sw-quick sw-quick-reject"
                  tabIndex={-1}
                  disabled={pending}
                  aria-label={`${t('outcome.reject')}: ${task.name} · ${task.businessKey}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onReject(task);
                  }}
                >
                  <CloseOutlined />
                </button>
              </LazyTooltip>
            )}
          </span>
        );
      },
    },
  ];

  const completedColumns: ColumnsType<TaskSummary> = [
    nameColumn,
    { title: t('task.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? '—' },
    processColumn,
    {
      title: t('task.outcome'),
      key: 'outcome',
      render: (_, task) =>
        task.status === 'cancelled' ? (
          <PlainTag>{t('task.status.cancelled')}</PlainTag>
        ) : task.outcome ? (
          <PlainTag color={outcomeColor(task.outcome)}>{outcomeLabel(t, task.outcome)}</PlainTag>
        ) : null,
    },
    { title: t('task.comment'), dataIndex: 'comment', ellipsis: true, render: (v: string | null) => v ?? '' },
    { title: t('task.completedBy'), dataIndex: 'completedBy', render: (_: string | null, task: TaskSummary) => (task.completedBy ? <Person id={task.completedBy} name={task.completedByName} meId={props.meId} /> : '—') },
    { title: t('task.completedAt'), dataIndex: 'completedAt', render: (v: string | null) => <RelativeTime iso={v} /> },
  ];

  return (
    <div ref={wrapper}>
      <Table<TaskSummary>
        rowKey="id"
        size="middle"
        dataSource={props.items}
        columns={props.status === 'open' ? openColumns : completedColumns}
        pagination={false}
        loading={props.loading}
        locale={{ emptyText: props.empty }}
        rowSelection={
          props.status === 'open'
            ? {
                selectedRowKeys: props.selectedIds,
                onChange: (keys) => props.onSelect(keys.map(String)),
                columnWidth: 40,
                getCheckboxProps: (task) => ({
                  'aria-label': t('inbox.selectTask', { name: `${task.name} · ${task.businessKey}` }),
                  tabIndex: -1,
                  disabled: !task.actions.complete,
                }),
                // A row nobody may complete here gets no checkbox at all, and a list without such rows no "select all".
                renderCell: (checked, task, index) =>
                  task.actions.complete ? (
                    <input
                      type="checkbox"
                      className="sw-row-check"
                      checked={checked}
                      tabIndex={-1}
                      aria-label={t('inbox.selectTask', { name: `${task.name} · ${task.businessKey}` })}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => toggle(index, (e.nativeEvent as MouseEvent).shiftKey)}
                    />
                  ) : null,
                hideSelectAll: !props.items.some((task) => task.actions.complete),
              }
            : undefined
        }
        rowClassName={(task) => `sw-task-row${task.id === props.activeId ? ' sw-active' : ''}${props.pendingIds.has(task.id) ? ' sw-pending' : ''}`}
        onRow={(task, index) => ({
          tabIndex: task.id === props.activeId ? 0 : -1,
          'aria-current': task.id === props.activeId ? 'true' : undefined,
          // A plain click on the task's link opens its page here: marking the row first would render the whole list once
          // more (≈ 30 ms) on the way out. Ctrl/⌘/Shift-click opens another tab and marks the row as before.
          onClick: (e) => {
            const leaving = e.target instanceof Element && e.target.closest('a.sw-task-link') && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey);
            if (!leaving) props.onActivate(task, index ?? 0);
          },
          onFocus: (e) => {
            if (e.target !== e.currentTarget) return;
            props.onActivate(task, index ?? 0);
            restOn(task);
          },
          onMouseEnter: () => restOn(task),
          onMouseLeave: () => window.clearTimeout(restTimer.current),
          onDoubleClick: () => props.onOpen(task),
        })}
      />
    </div>
  );
}
