import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useDecisionFile, useDecisionInForceBefore } from '../../api/useDecisions.query';
import { useI18n } from '../../i18n/I18nProvider';
import { QueryState } from '../QueryState';
import { diffDecisionModels, type CellChange, type DecisionChange, type RuleChange } from './decisionDiff';
import { elementText } from '../../lib/problems';
import { entryText, outputText } from './decisionView';

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'orange' } as const;

function CellLine({ cell }: { cell: CellChange }) {
  const { t } = useI18n();
  const show = (v: string) => (v === '' ? t('decisions.diff.empty') : cell.side === 'output' ? outputText(v) : cell.side === 'input' ? entryText(v) : v);
  const column = cell.side === 'description' ? t('decisions.description') : cell.column;
  return (
    <div className="sw-decision-diff-cell">
      <Tag color={cell.side === 'input' ? 'blue' : cell.side === 'output' ? 'green' : undefined}>{cell.side === 'input' ? t('decisions.when') : cell.side === 'output' ? t('decisions.then') : t('decisions.description')}</Tag>
      {cell.side !== 'description' && <Typography.Text strong>{column}：</Typography.Text>}
      <Typography.Text delete={cell.before !== ''} type="secondary">
        {show(cell.before)}
      </Typography.Text>
      {' → '}
      <Typography.Text mark={cell.after !== ''}>{show(cell.after)}</Typography.Text>
    </div>
  );
}

function DecisionChangeCard({ change }: { change: DecisionChange }) {
  const { t } = useI18n();
  return (
    <Card size="small" type="inner" title={<Space>{elementText({ elementId: change.decisionId, elementType: 'decision', elementName: change.name }, t)}<Tag color={KIND_COLOR[change.kind]}>{t(`decisions.diff.${change.kind}`)}</Tag></Space>}>
      {change.hitPolicy && <Typography.Paragraph>{t('decisions.diff.hitPolicy', change.hitPolicy)}</Typography.Paragraph>}
      {change.formula && <Typography.Paragraph>{t('decisions.diff.formula', { before: change.formula.before || t('decisions.diff.empty'), after: change.formula.after || t('decisions.diff.empty') })}</Typography.Paragraph>}
      {change.columnsAdded.length > 0 && <Typography.Paragraph>{t('decisions.diff.columnsAdded', { columns: change.columnsAdded.join('、') })}</Typography.Paragraph>}
      {change.columnsRemoved.length > 0 && <Typography.Paragraph>{t('decisions.diff.columnsRemoved', { columns: change.columnsRemoved.join('、') })}</Typography.Paragraph>}
      {change.rules.length > 0 && (
        <List<RuleChange>
          size="small"
          dataSource={change.rules}
          rowKey={(r) => `${r.kind}-${r.ruleId}`}
          renderItem={(r) => (
            <List.Item className={`sw-decision-diff-rule sw-decision-diff-${r.kind}`}>
              <Space direction="vertical" size={2}>
                <Space>
                  <Tag color={KIND_COLOR[r.kind]}>{t(`decisions.diff.${r.kind}`)}</Tag>
                  <Typography.Text strong>{t('decisions.diff.rule', { index: r.index })}</Typography.Text>
                </Space>
                {r.cells.map((c, i) => (
                  <CellLine key={i} cell={c} />
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** A proposed version of a decision file against the one in force before it, rule by rule (for the 客服经理 approving it). */
export function DecisionChangeDiff({ fileKey, version }: { fileKey: string; version: number }) {
  const { t } = useI18n();
  const proposed = useDecisionFile(fileKey, version);
  const base = useDecisionInForceBefore(fileKey, version);
  const changes = useMemo(() => (proposed.data && base.data !== undefined ? diffDecisionModels(base.data?.model, proposed.data.model) : undefined), [proposed.data, base.data]);
  const title = base.data ? t('decisions.diff.title', { version: base.data.version }) : t('decisions.diff.titleFirst');
  return (
    <Card size="small" type="inner" title={title} className="sw-decision-diff" style={{ marginBottom: 12 }}>
      <QueryState isPending={proposed.isPending || base.isPending} error={proposed.error ?? base.error} onRetry={() => void Promise.all([proposed.refetch(), base.refetch()])}>
        {changes && (changes.length === 0 ? <Alert type="info" title={t('decisions.diff.none')} /> : <Space direction="vertical" style={{ width: '100%' }}>{changes.map((c) => <DecisionChangeCard key={c.decisionId} change={c} />)}</Space>)}
      </QueryState>
    </Card>
  );
}
