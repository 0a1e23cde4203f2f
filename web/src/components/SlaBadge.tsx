import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { Sla } from '../../../contract';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../lib/time';
import { LazyTooltip } from './LazyTooltip';
import { PlainTag, type PlainTagColor } from './PlainTag';

const look = {
  on_time: { color: 'green', icon: <CheckCircleOutlined />, key: 'sla.on_time' },
  due_soon: { color: 'orange', icon: <ClockCircleOutlined />, key: 'sla.due_soon' },
  overdue: { color: 'red', icon: <ExclamationCircleOutlined />, key: 'sla.overdue' },
} as const;

/** 正常 / 即将到期 / 已超时 from the task's `sla`; nothing for tasks without a due date. */
export function SlaBadge({ sla, dueAt }: { sla: Sla; dueAt?: string | null }) {
  const { t, lang } = useI18n();
  if (sla === 'none') return null;
  const l = look[sla];
  const tag = (
    <PlainTag color={l.color} icon={l.icon}>
      {t(l.key)}
    </PlainTag>
  );
  // The exact time is worded when the tooltip first opens, not for every row drawn.
  return dueAt ? <LazyTooltip title={() => `${t('task.due')}: ${formatDateTime(dueAt, lang)}`}>{tag}</LazyTooltip> : tag;
}

/** 升级 L2 — shown when a task was escalated at least once. */
export function EscalationTag({ level }: { level: number }) {
  const { t } = useI18n();
  if (level <= 0) return null;
  return (
    <PlainTag color="magenta">{t('task.escalated', { level })}</PlainTag>
  );
}

const priorityColor: Record<number, PlainTagColor> = { 1: 'red', 2: 'volcano', 3: 'blue', 4: 'default' };

/** P1 … P4 (1 is the highest). */
export function PriorityTag({ priority }: { priority: number }) {
  const { t } = useI18n();
  return (
    <LazyTooltip title={t('task.priority.hint')}>
      <PlainTag color={priorityColor[priority] ?? 'default'} aria-label={t('task.priority.aria', { p: priority })}>
        P{priority}
      </PlainTag>
    </LazyTooltip>
  );
}
