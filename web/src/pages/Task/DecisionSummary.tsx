import { Card } from 'antd';
import { useMemo } from 'react';
import type { TaskDetail } from '../../../../contract';
import type { ProcessVersionWithForms } from '../../api/useProcessVersion.query';
import { useDictionary, VariableTable } from '../../components/Variables';
import { useI18n } from '../../i18n/I18nProvider';
import { summaryLabels, summaryVariables, type SummaryItem } from '../../lib/decisionSummary';

/** An approval step (approve/reject outcomes) shows what is being decided above its buttons. */
export const isApprovalStep = (outcomes: readonly string[]) => outcomes.includes('approve') || outcomes.includes('reject');

/** What the diagram says matters for this decision (shouwen:summary), else what was captured since the last approval. */
export function DecisionSummary({ detail, version, variables }: { detail: TaskDetail; version: ProcessVersionWithForms | undefined; variables: Record<string, unknown> }) {
  const { t } = useI18n();
  const summary = (version?.model.elements[detail.task.elementId] as { summary?: SummaryItem[] } | undefined)?.summary;
  const labels = useMemo(() => summaryLabels(summary), [summary]);
  const dict = useDictionary(version, labels);
  const only = useMemo(() => summaryVariables(summary, detail.steps, variables), [summary, detail.steps, variables]);
  return (
    <Card size="small" type="inner" title={t('task.summary')} className="sw-decision-summary" style={{ marginBottom: 12 }}>
      <VariableTable dict={dict} variables={variables} only={only} label={t('task.summary')} />
    </Card>
  );
}
