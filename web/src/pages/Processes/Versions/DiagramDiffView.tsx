import { Alert, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { elementLabel } from '../../../lib/problems';
import { changeLines } from './changeList';
import DiffDiagram from './DiffDiagram';
import { compareDefinitions, parseDefinitions, type ChangeKind, type DiagramDiff } from './diagramDiff';
import { diffForms, formChangeLines, formUsesOf, type FormChange } from './formDiff';

const KIND_COLOR: Record<ChangeKind, string> = { added: 'green', changed: 'orange', removed: 'red' };

type Forms = Readonly<Record<string, unknown>>;

/**
 * Two versions side by side with what changed coloured on each (removed on the older one, added on
 * the newer, changed and moved on both) and listed by element name with properties before → after;
 * given both versions' forms, their changes are listed too, field by field by label.
 */
export default function DiagramDiffView({
  beforeXml,
  afterXml,
  beforeLabel,
  afterLabel,
  beforeForms,
  afterForms,
}: {
  beforeXml: string;
  afterXml: string;
  beforeLabel: string;
  afterLabel: string;
  beforeForms?: Forms;
  afterForms?: Forms;
}) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ before: string; after: string; forms: [Forms?, Forms?]; diff?: DiagramDiff; formChanges?: FormChange[]; error?: string } | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const key = { before: beforeXml, after: afterXml, forms: [beforeForms, afterForms] as [Forms?, Forms?] };
    // A step without a name by its kind (未命名的人工任务), never its id.
    const unnamed = (elementType: string) => elementLabel({ elementType }, t);
    Promise.all([parseDefinitions(beforeXml), parseDefinitions(afterXml)])
      .then(([b, a]) => ({
        diff: compareDefinitions(b, a),
        formChanges: beforeForms && afterForms ? diffForms({ forms: beforeForms, uses: formUsesOf(b, unnamed) }, { forms: afterForms, uses: formUsesOf(a, unnamed) }) : [],
      }))
      .then(
        (r) => !cancelled && setResult({ ...key, ...r }),
        (err: unknown) => !cancelled && setResult({ ...key, error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      cancelled = true;
    };
  }, [beforeXml, afterXml, beforeForms, afterForms, t]);

  const current = result && result.before === beforeXml && result.after === afterXml && result.forms[0] === beforeForms && result.forms[1] === afterForms ? result : null;
  const diff = current?.diff;
  const markers = useMemo(() => {
    const before: Record<string, 'changed' | 'removed' | 'moved'> = {};
    const after: Record<string, 'added' | 'changed' | 'moved'> = {};
    for (const c of diff?.changes ?? []) {
      if (c.kind !== 'added') before[c.id] = c.kind;
      if (c.kind !== 'removed') after[c.id] = c.kind;
    }
    for (const id of diff?.moved ?? []) before[id] = after[id] = 'moved';
    return { before, after };
  }, [diff]);
  const lines = useMemo(() => (diff ? changeLines(diff, t) : []), [diff, t]);
  const formLines = useMemo(() => formChangeLines(current?.formChanges ?? [], t), [current?.formChanges, t]);

  if (current?.error) return <Alert type="error" showIcon title={t('diff.failed')} description={current.error} />;
  if (!diff) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} className="sw-diff">
      <Typography.Text type="secondary">{t('diff.legend')}</Typography.Text>
      {renderError && <Alert type="error" showIcon title={t('diagram.renderFailed')} description={renderError} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{beforeLabel}</Typography.Text>
          <DiffDiagram xml={beforeXml} markers={markers.before} label={beforeLabel} onError={setRenderError} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{afterLabel}</Typography.Text>
          <DiffDiagram xml={afterXml} markers={markers.after} label={afterLabel} onError={setRenderError} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('diff.list')} <Tag>{lines.length}</Tag>
      </Typography.Title>
      {lines.length === 0 && formLines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diff.none')} />
      ) : lines.length === 0 ? null : (
        <DiffList label={t('diff.list')} lines={lines.map((l) => ({ key: `${l.kind}-${l.id}`, kind: l.kind, title: l.title, details: l.details }))} />
      )}
      {formLines.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('formDiff.list')} <Tag>{formLines.length}</Tag>
          </Typography.Title>
          <DiffList label={t('formDiff.list')} lines={formLines.map((l) => ({ key: `${l.kind}-${l.formId}`, kind: l.kind, title: l.title, details: l.details }))} />
        </>
      )}
      {diff.moved.length > 0 && <Typography.Text type="secondary">{t('diff.movedCount', { n: diff.moved.length })}</Typography.Text>}
    </Space>
  );
}

/** One list of changes: a coloured kind, what changed (a step or a form) and its details before → after. */
function DiffList({ label, lines }: { label: string; lines: { key: string; kind: ChangeKind; title: string; details: string[] }[] }) {
  const { t } = useI18n();
  return (
    <ul className="sw-diff-list" aria-label={label}>
      {lines.map((l) => (
        <li key={l.key}>
          <Tag color={KIND_COLOR[l.kind]}>{t(`diff.${l.kind}`)}</Tag>
          <Typography.Text>{l.title}</Typography.Text>
          {l.details.length > 0 && (
            <ul>
              {l.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
