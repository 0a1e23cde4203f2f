import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Checkbox, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TaskSummary } from '../../../../contract';
import { useProcessName } from '../../api/useProcesses.query';
import { RelativeTime } from '../../components/RelativeTime';
import { EscalationTag, PriorityTag, SlaBadge } from '../../components/SlaBadge';
import { outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  items: TaskSummary[];
  status: 'open' | 'completed';
  meId: string | undefined;
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
  taskHref: (task: TaskSummary) => string;
  linkState: unknown;
  onApprove: (task: TaskSummary) => void;
  onReject: (task: TaskSummary) => void;
  pendingIds: ReadonlySet<string>;
  loading: boolean;
  empty: ReactNode;
}

/**
 * The inbox on a phone: one card per task (what, for whom, by when), tapped to open; a checkbox for
 * bulk approval and 同意 / 驳回 on the card, only where the server says this user may complete it.
 */
export function TaskCards(props: Props) {
  const { t } = useI18n();
  const processName = useProcessName();
  if (!props.items.length) return <div className="sw-task-cards-empty">{props.empty}</div>;

  const toggle = (task: TaskSummary, on: boolean) =>
    props.onSelect(on ? [...props.selectedIds, task.id] : props.selectedIds.filter((id) => id !== task.id));

  return (
    <ul className={props.loading ? 'sw-task-cards sw-loading' : 'sw-task-cards'} aria-label={t('inbox.cards')} aria-busy={props.loading}>
      {props.items.map((task) => {
        const pending = props.pendingIds.has(task.id);
        const decidable = props.status === 'open' && task.actions.complete;
        const described = `${task.name} · ${task.businessKey}`;
        return (
          <li key={task.id} className={pending ? 'sw-task-card sw-pending' : 'sw-task-card'}>
            <div className="sw-task-card-main">
              {decidable && (
                <Checkbox
                  className="sw-task-card-check"
                  checked={props.selectedIds.includes(task.id)}
                  onChange={(e) => toggle(task, e.target.checked)}
                  aria-label={t('inbox.selectTask', { name: described })}
                />
              )}
              <Link to={props.taskHref(task)} state={props.linkState} className="sw-task-card-link">
                <span className="sw-task-card-name">{task.name}</span>
                <span className="sw-task-card-case">
                  {task.caseTitle} · {task.businessKey}
                </span>
                <span className="sw-task-card-case">
                  {task.customerName ? `${task.customerName} · ` : ''}
                  {processName(task.processKey)}
                </span>
              </Link>
            </div>
            <div className="sw-task-card-meta">
              {props.status === 'open' ? (
                <>
                  <PriorityTag priority={task.priority} />
                  <SlaBadge sla={task.sla} dueAt={task.dueAt} />
                  <EscalationTag level={task.escalationLevel} />
                  {task.dueAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('task.due')} <RelativeTime iso={task.dueAt} danger={task.sla === 'overdue'} />
                    </Typography.Text>
                  )}
                  {task.assigneeId === null ? (
                    <Tag variant="filled">{t('task.unassigned')}</Tag>
                  ) : task.assigneeId === props.meId ? (
                    <Tag color="blue">{t('task.me')}</Tag>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {task.assigneeId}
                    </Typography.Text>
                  )}
                </>
              ) : (
                <>
                  {task.status === 'cancelled' ? (
                    <Tag>{t('task.status.cancelled')}</Tag>
                  ) : (
                    task.outcome && <Tag color={outcomeColor(task.outcome)}>{outcomeLabel(t, task.outcome)}</Tag>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {task.completedBy && task.completedBy === props.meId ? t('task.me') : (task.completedBy ?? '—')} · <RelativeTime iso={task.completedAt} />
                  </Typography.Text>
                </>
              )}
            </div>
            {decidable && (task.outcomes.includes('approve') || task.outcomes.includes('reject')) && (
              <div className="sw-task-card-actions">
                {task.outcomes.includes('approve') && (
                  <Button type="primary" icon={<CheckOutlined />} loading={pending} aria-label={`${t('outcome.approve')}: ${described}`} onClick={() => props.onApprove(task)}>
                    {t('outcome.approve')}
                  </Button>
                )}
                {task.outcomes.includes('reject') && (
                  <Button danger icon={<CloseOutlined />} disabled={pending} aria-label={`${t('outcome.reject')}: ${described}`} onClick={() => props.onReject(task)}>
                    {t('outcome.reject')}
                  </Button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
