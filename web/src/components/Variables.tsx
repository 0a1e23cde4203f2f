import { Descriptions, Typography } from 'antd';
import { useMemo } from 'react';
import type { ProcessVersionWithForms } from '../api/useProcessVersion.query';
import { useI18n } from '../i18n/I18nProvider';
import { modelSummaryLabels } from '../lib/decisionSummary';
import { buildDictionary, describeVariables, formsInFlowOrder, resultStepsInFlowOrder, serviceTypesInFlowOrder, type DescribedVariable, type People, type VariableDictionary } from '../lib/dictionary';

/** The dictionary of a process version (its forms in step order), plus labels the diagram gives (`extraLabels` first, then every step's summary) and what its service tasks write. */
export function useDictionary(version: ProcessVersionWithForms | undefined, extraLabels?: Record<string, string>): VariableDictionary {
  return useMemo(
    () => buildDictionary(formsInFlowOrder(version?.model, version?.forms), { ...modelSummaryLabels(version?.model), ...extraLabels }, serviceTypesInFlowOrder(version?.model), resultStepsInFlowOrder(version?.model)),
    [version, extraLabels],
  );
}

interface Props {
  dict: VariableDictionary;
  variables: Record<string, unknown>;
  /** Only these, in this order (a decision summary). */
  only?: readonly string[];
  /** Columns of the table; the side panels use 1. */
  column?: number;
  label?: string;
  className?: string;
  /** People the case names, so a variable holding a user id (发起人) shows the name. */
  people?: People;
}

/** Variables as labelled values, those no form names last under 其他. */
export function VariableTable({ dict, variables, only, column = 1, label, className, people }: Props) {
  const { t, lang } = useI18n();
  const { known, other } = describeVariables(dict, variables, lang, only, people);
  if (!known.length && !other.length) return <Typography.Text type="secondary">{t('vars.none')}</Typography.Text>;
  // The hint is the variable's name in the diagram's expressions, for whoever edits them: an
  // identifier, not a word (translate="no" for the hint, the label itself translatable).
  const items = (rows: DescribedVariable[]) =>
    rows.map((r) => ({
      key: r.key,
      label: (
        <span title={r.key} translate="no">
          <span translate="yes">{r.label}</span>
        </span>
      ),
      children: <span className="sw-var-value">{r.text}</span>,
    }));
  return (
    <div className={className} aria-label={label} role={label ? 'group' : undefined}>
      {known.length > 0 && <Descriptions size="small" column={column} bordered items={items(known)} />}
      {other.length > 0 && <Descriptions size="small" column={column} bordered title={<span className="sw-var-other">{t('vars.other')}</span>} style={{ marginTop: known.length ? 8 : 0 }} items={items(other)} />}
    </div>
  );
}

/** The people a case names by id (its initiator and owner) with their names, for VariableTable's `people`. */
export function casePeople(c: { initiatorId: string | null; initiatorName: string | null; ownerId: string | null; ownerName: string | null }): People {
  const out = new Map<string, string>();
  if (c.initiatorId && c.initiatorName) out.set(c.initiatorId, c.initiatorName);
  if (c.ownerId && c.ownerName) out.set(c.ownerId, c.ownerName);
  return out;
}
