import { Card, Skeleton } from 'antd';
import { useMemo } from 'react';
import type { TaskDetail } from '../../../../contract';
import type { ProcessVersionWithForms } from '../../api/useProcessVersion.query';
import { useDictionary, VariableTable } from '../../components/Variables';
import { useI18n } from '../../i18n/I18nProvider';
import { summaryLabels, summaryVariables, type SummaryItem } from '../../lib/decisionSummary';

const summaryOf = (version: ProcessVersionWithForms | undefined, elementId: string) => (version?.model.elements[elementId] as { summary?: SummaryItem[] } | undefined)?.summary;

/** An approval step (approve/reject outcomes), or a step the diagram gives a summary, shows what is being decided. */
export const hasDecisionSummary = (outcomes: readonly string[], version: ProcessVersionWithForms | undefined, elementId: string) =>
  outcomes.includes('approve') || outcomes.includes('reject') || Boolean(summaryOf(version, elementId)?.length);

/** What the diagram says matters for this decision (shouwen:summary), else what was captured since the last approval. */
export function DecisionSummary({ detail, version, pending, variables }: { detail: TaskDetail; version: ProcessVersionWithForms | undefined; pending: boolean; variables: Record<string, unknown> }) {
  const { t } = useI18n();
  const summary = summaryOf(version, detail.task.elementId);
  const labels = useMemo(() => summaryLabels(summary), [summary]);
  const dict = useDictionary(version, labels);
  const only = useMemo(() => summaryVariables(summary, detail.steps, variables), [summary, detail.steps, variables]);
  return (
    <Card size="small" type="inner" title={t('task.summary')} className="sw-decision-summary" style={{ marginBottom: 12 }}>
      {/* Until the version is here the diagram's list is unknown: no default flashes in its place. */}
      {pending ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : <VariableTable dict={dict} variables={variables} only={only} label={t('task.summary')} />}
    </Card>
  );
}
