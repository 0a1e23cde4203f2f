import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, SwapOutlined, UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { useRoleName } from '../Cases/useUnitName';
import { Button, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import type { Ref } from 'react';
import type { TaskDetail } from '../../../../contract';
import { RelativeTime } from '../../components/RelativeTime';
import { EscalationTag, PriorityTag, SlaBadge } from '../../components/SlaBadge';
import { outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { useProcessLabel } from '../../api/useProcesses.query';
import { useIsPhone } from '../../lib/useIsPhone';

interface Props {
  detail: TaskDetail;
  meId: string | undefined;
  headingRef: Ref<HTMLHeadingElement>;
  nav: { prev: string | null; next: string | null; index: number; total: number };
  onBack: () => void;
  onGo: (taskId: string) => void;
  onClaim: () => void;
  onUnclaim: () => void;
  onDelegate: () => void;
  busy: 'claim' | 'unclaim' | null;
}

const PHONE_FACTS = new Set(['customer', 'assignee', 'due']);

/** Task name, case, business key, process, SLA, assignee; back / previous / next; claim, unclaim, delegate. */
export function TaskHeader({ detail, meId, headingRef, nav, onBack, onGo, onClaim, onUnclaim, onDelegate, busy }: Props) {
  const { t, lang } = useI18n();
  const processLabel = useProcessLabel();
  const { task, case: c, can } = detail;
  const roleName = useRoleName();
  const assignee = task.assigneeId === null ? t('task.unassigned') : <Person id={task.assigneeId} name={task.assigneeName} meId={meId} />;
  const candidates = [...task.candidateRoles.map(roleName), ...task.candidateUserNames];
  // A phone's row holds back, position and the arrows only when the arrows go without words.
  const phone = useIsPhone();

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={onBack} aria-keyshortcuts="Escape" style={{ paddingInline: 0 }}>
          {t('task.back')}
        </Button>
        <Space>
          {nav.index >= 0 && (
            <Typography.Text type="secondary" aria-live="polite">
              {t('task.position', { i: nav.index + 1, n: nav.total })}
            </Typography.Text>
          )}
          <Tooltip title="Alt+↑">
            <Button icon={<ArrowUpOutlined />} disabled={!nav.prev} onClick={() => nav.prev && onGo(nav.prev)} aria-keyshortcuts="Alt+ArrowUp" aria-label={phone ? t('task.prev') : undefined}>
              {!phone && t('task.prev')}
            </Button>
          </Tooltip>
          <Tooltip title="Alt+↓">
            <Button icon={<ArrowDownOutlined />} disabled={!nav.next} onClick={() => nav.next && onGo(nav.next)} aria-keyshortcuts="Alt+ArrowDown" aria-label={phone ? t('task.next') : undefined}>
              {!phone && t('task.next')}
            </Button>
          </Tooltip>
        </Space>
      </Flex>

      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginTop: 8 }}>
        <div>
          <Typography.Title level={phone ? 4 : 3} style={{ margin: 0 }} ref={headingRef} tabIndex={-1} className="sw-task-heading">
            {task.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {task.caseTitle} · <Typography.Text copyable={{ text: task.businessKey }}>{task.businessKey}</Typography.Text>
          </Typography.Text>
          <Space size={6} wrap style={{ display: 'flex', marginTop: 8 }}>
            <PriorityTag priority={task.priority} />
            {task.status === 'open' ? (
              <>
                <SlaBadge sla={task.sla} dueAt={task.dueAt} />
                <EscalationTag level={task.escalationLevel} />
              </>
            ) : (
              <Tag color={task.status === 'cancelled' ? 'default' : outcomeColor(task.outcome)}>
                {t(`task.status.${task.status}`)}
                {task.outcome ? ` · ${outcomeLabel(t, task.outcome)}` : ''}
              </Tag>
            )}
          </Space>
        </div>
        <Space wrap>
          {can.claim && (
            <Button icon={<UserAddOutlined />} onClick={onClaim} loading={busy === 'claim'}>
              {t('task.claim')}
            </Button>
          )}
          {can.unclaim && (
            <Button icon={<UserDeleteOutlined />} onClick={onUnclaim} loading={busy === 'unclaim'}>
              {t('task.unclaim')}
            </Button>
          )}
          {can.delegate && (
            <Button icon={<SwapOutlined />} onClick={onDelegate}>
              {t('task.delegate')}
            </Button>
          )}
        </Space>
      </Flex>

      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'process', label: t('task.process'), children: processLabel(c.processKey, c.processVersion) },
          { key: 'customer', label: t('task.customer'), children: task.customerName ?? c.customer?.name ?? '—' },
          { key: 'assignee', label: t('task.assignee'), children: assignee },
          { key: 'candidates', label: t('task.candidates'), children: candidates.length ? candidates.join(lang === 'en' ? ', ' : '、') : '—' },
          { key: 'due', label: t('task.due'), children: <RelativeTime iso={task.dueAt} danger={task.sla === 'overdue'} /> },
          { key: 'created', label: t('task.created'), children: <RelativeTime iso={task.createdAt} /> },
          // On a phone the decision must show without scrolling past facts the diagram fold and case card repeat.
        ].filter((item) => !phone || PHONE_FACTS.has(item.key))}
      />
    </Card>
  );
}
