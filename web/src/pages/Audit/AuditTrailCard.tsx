import { ReloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { useEventWords } from '../Cases/useEventWords';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { AuditEntry, AuditTrail, Case } from '../../../../contract';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { caseStatusLabel, outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { chainBadge, rowChainState, shortHash, sortedEntries } from '../../lib/audit';
import { describeCaseEvent, modelElementName, modelElementType, taskElements } from '../../lib/caseEvents';
import { describeError, elementText } from '../../lib/problems';
import { formatDateTimeExact } from '../../lib/time';
import { taskHref } from '../Task/taskLinks';
import '../Cases/cases.css';

/** 审计记录: every entry with who / what / where / outcome and its hash, under the server's chain verdict; 重新校验 refetches. */
export function AuditTrailCard({ c, audit }: { c: Case; audit: UseQueryResult<AuditTrail> }) {
  const { t, lang } = useI18n();
  const trail = audit.data;
  return (
    <Card
      size="small"
      title={`${t('audit.trail')}${trail ? ` (${trail.entries.length})` : ''}`}
      extra={
        <Space wrap size={8}>
          {trail && <ChainBadge trail={trail} />}
          {trail && audit.dataUpdatedAt > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('audit.checkedAt', { time: formatDateTimeExact(new Date(audit.dataUpdatedAt).toISOString(), lang) })}
            </Typography.Text>
          )}
          <Button size="small" icon={<ReloadOutlined />} loading={audit.isFetching} onClick={() => void audit.refetch()}>
            {t('audit.reverify')}
          </Button>
        </Space>
      }
    >
      {audit.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : !trail ? (
        <Alert
          type="error"
          showIcon
          title={t('audit.loadFailed')}
          description={describeError(audit.error, t)}
          action={<Button onClick={() => void audit.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        <>
          {audit.isError && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('audit.refreshFailed')} description={describeError(audit.error, t)} />}
          {!trail.verified && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t(chainBadge(trail).key, chainBadge(trail).vars)} description={t('audit.chainBrokenHint')} />}
          {trail.entries.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noEntries')} /> : <TrailTable c={c} trail={trail} />}
        </>
      )}
    </Card>
  );
}

function ChainBadge({ trail }: { trail: AuditTrail }) {
  const { t } = useI18n();
  const badge = chainBadge(trail);
  return (
    <Tooltip title={trail.verified ? t('audit.chainOkHint') : t('audit.chainBrokenHint')}>
      <Tag color={badge.color} icon={trail.verified ? <SafetyCertificateOutlined /> : <WarningOutlined />} style={{ marginInlineEnd: 0 }}>
        {t(badge.key, badge.vars)}
      </Tag>
    </Tooltip>
  );
}

function TrailTable({ c, trail }: { c: Case; trail: AuditTrail }) {
  const { t, lang } = useI18n();
  const version = useProcessVersion(c.processKey, c.processVersion);
  const words = useEventWords(version.data);
  const entries = useMemo(() => sortedEntries(trail.entries), [trail.entries]);
  const elements = useMemo(() => taskElements(entries), [entries]);
  const elementOf = (e: AuditEntry) => (e.taskId ? elements.get(e.taskId) : undefined) ?? (typeof e.payload.elementId === 'string' ? e.payload.elementId : undefined);
  // A step by its name, else its kind from the model (未命名的人工任务): the id stays in the code line beside it.
  const stepText = (el: string, kind: string) => elementText({ elementId: el, elementType: modelElementType(version.data, el) ?? kind, elementName: modelElementName(version.data, el) }, t);
  const taskName = (taskId: string | null) => {
    if (!taskId) return '—';
    const el = elements.get(taskId);
    return el ? stepText(el, 'userTask') : t('event.aStep');
  };

  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      dataSource={entries}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      rowClassName={(e) => `sw-audit-row-${rowChainState(e.seq, trail)}`}
      columns={[
        // The case's own numbering (1, 2, 3 …); `seq`, shared by all cases, stays the chain's internal order.
        { title: t('audit.col.seq'), dataIndex: 'n', width: 52 },
        {
          title: t('audit.col.time'),
          width: 150,
          render: (_, e) => <time dateTime={e.at}>{formatDateTimeExact(e.at, lang)}</time>,
        },
        {
          title: t('audit.col.actor'),
          width: 120,
          render: (_, e) => <Person id={e.actorId} name={e.actorName} />,
        },
        {
          title: t('audit.col.what'),
          render: (_, e) => {
            const line = describeCaseEvent(e, taskName, c.processVersion, words);
            const vars = e.kind === 'case.ended' ? { ...line.vars, status: caseStatusLabel(t, String(line.vars.status)) } : line.vars;
            return (
              <Flex vertical gap={2}>
                <Flex gap={6} align="baseline">
                  <span className={`sw-audit-dot sw-audit-dot-${line.color}`} aria-hidden />
                  <span>{t(line.key, vars)}</span>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.kind}
                </Typography.Text>
              </Flex>
            );
          },
        },
        {
          title: t('audit.col.step'),
          width: 140,
          render: (_, e) => {
            const el = elementOf(e);
            if (!e.taskId && !el) return <Typography.Text type="secondary">—</Typography.Text>;
            const name = e.taskId ? taskName(e.taskId) : stepText(el!, 'other');
            return (
              <Flex vertical gap={2}>
                {e.taskId ? <Link to={taskHref(e.taskId)}>{name}</Link> : <span>{name}</span>}
                {el && el !== name && (
                  <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
                    {el}
                  </Typography.Text>
                )}
              </Flex>
            );
          },
        },
        {
          title: t('audit.col.detail'),
          width: 180,
          render: (_, e) => {
            const line = describeCaseEvent(e, taskName, c.processVersion, words);
            if (!line.outcome && !line.note) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <Flex vertical gap={4} align="flex-start">
                {line.outcome && <Tag color={outcomeColor(line.outcome)}>{outcomeLabel(t, line.outcome)}</Tag>}
                {line.note && <blockquote className="sw-step-comment">{line.note}</blockquote>}
              </Flex>
            );
          },
        },
        {
          title: t('audit.col.hash'),
          width: 120,
          render: (_, e) => <HashCell e={e} state={rowChainState(e.seq, trail)} />,
        },
      ]}
    />
  );
}

function HashCell({ e, state }: { e: AuditEntry; state: ReturnType<typeof rowChainState> }) {
  const { t } = useI18n();
  const tip = e.hash ? (
    <div className="sw-audit-hash-tip">
      <div>{t('audit.hashTooltip', { hash: e.hash })}</div>
      {e.prevHash && <div>{t('audit.prevHashTooltip', { hash: e.prevHash })}</div>}
    </div>
  ) : (
    t('audit.noHash')
  );
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tooltip title={tip}>
        <code className="sw-audit-hash" tabIndex={0} aria-label={e.hash ? t('audit.hashTooltip', { hash: e.hash }) : t('audit.noHash')}>
          {shortHash(e.hash)}
        </code>
      </Tooltip>
      {state === 'broken' && <Tag color="error">{t('audit.rowBroken')}</Tag>}
      {state === 'unverified' && <Tag color="warning">{t('audit.rowUnverified')}</Tag>}
    </Flex>
  );
}
