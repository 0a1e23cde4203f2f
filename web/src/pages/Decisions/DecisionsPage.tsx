import { Alert, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DecisionDeployed, DecisionEvaluated } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useDecisionFile, useDecisionFiles, useTryDecision } from '../../api/useDecisions.query';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { chinaDateTime } from '../../lib/dictionary';
import { describeError, elementText } from '../../lib/problems';

/** A decision by its name, else as 未命名的决策: never by its id. */
const decisionText = (id: string, name: string | undefined, t: Parameters<typeof elementText>[1]) => elementText({ elementId: id, elementType: 'decision', elementName: name }, t);
import { canDeployProcesses } from '../../lib/roles';
import { QueryState } from '../QueryState';
import { DecisionChangeDiff } from './DecisionChangeDiff';
import { DecisionEditPanel, DecisionWarnings } from './DecisionEditPanel';
import { entryText, outputText, parseTryValue, resultText, tryFields, type Decision, type DecisionModel } from './decisionView';

const HIT_POLICY_KEYS: Record<string, MessageKey> = {
  UNIQUE: 'decisions.hit.UNIQUE',
  FIRST: 'decisions.hit.FIRST',
  PRIORITY: 'decisions.hit.PRIORITY',
  ANY: 'decisions.hit.ANY',
  COLLECT: 'decisions.hit.COLLECT',
  'RULE ORDER': 'decisions.hit.RULE_ORDER',
  'OUTPUT ORDER': 'decisions.hit.OUTPUT_ORDER',
};

type Row = { id: string; index: number; description?: string; inputEntries: string[]; outputEntries: string[] };

/** One decision as the business reads it: a table of rules (or its formula), matched rows marked. */
function DecisionView({ decision, matched }: { decision: Decision; matched: ReadonlySet<string> }) {
  const { t } = useI18n();
  const logic = decision.logic;
  if (logic.kind === 'literal') {
    return (
      <Descriptions size="small" column={1} items={[{ key: 'f', label: t('decisions.formula'), children: <Typography.Text code>{logic.expression}</Typography.Text> }]} />
    );
  }
  const rows: Row[] = logic.rules.map((r, i) => ({ ...r, index: i + 1 }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('decisions.hitPolicy')}：{t(HIT_POLICY_KEYS[logic.hitPolicy] ?? 'decisions.hit.UNIQUE')}
        {logic.aggregation ? `（${logic.aggregation}）` : ''}
      </Typography.Text>
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        rowClassName={(r) => (matched.has(r.id) ? 'sw-decision-matched' : '')}
        locale={{ emptyText: t('decisions.noRules') }}
        columns={[
          { title: '#', dataIndex: 'index', width: 48 },
          ...logic.inputs.map((input, j) => ({
            key: `in-${input.id}`,
            title: (
              // The hint is the input's FEEL expression: code (translate="no"), the heading translatable.
              <span title={input.expression} translate="no">
                <span translate="yes">
                  <Tag color="blue">{t('decisions.when')}</Tag>
                  {input.label ?? input.expression}
                </span>
              </span>
            ),
            render: (_: unknown, r: Row) => <Typography.Text code>{entryText(r.inputEntries[j] ?? '-')}</Typography.Text>,
          })),
          ...logic.outputs.map((output, j) => ({
            key: `out-${output.id}`,
            title: (
              <span>
                <Tag color="green">{t('decisions.then')}</Tag>
                {output.label ?? output.name}
              </span>
            ),
            render: (_: unknown, r: Row) => <Typography.Text strong>{outputText(r.outputEntries[j] ?? '')}</Typography.Text>,
          })),
          { key: 'description', title: t('decisions.description'), render: (_: unknown, r: Row) => r.description ?? '' },
        ]}
      />
    </Space>
  );
}

/** 试算: a process owner types the inputs and sees the result and the rules that matched, before a case uses the table. */
function TryPanel({ fileKey, version, model, onResult }: { fileKey: string; version: number; model: DecisionModel; onResult: (r: DecisionEvaluated | null) => void }) {
  const { t } = useI18n();
  const ids = Object.keys(model.decisions);
  const [decisionId, setDecisionId] = useState(ids[ids.length - 1]!);
  const fields = useMemo(() => tryFields(model, decisionId), [model, decisionId]);
  const [values, setValues] = useState<Record<string, string>>({});
  const tryIt = useTryDecision(fileKey);
  const submit = () => {
    const variables: Record<string, unknown> = {};
    for (const f of fields) {
      const v = parseTryValue(values[f.name] ?? '');
      if (v !== undefined) variables[f.name] = v;
    }
    tryIt.mutate({ decisionId, version, variables }, { onSuccess: onResult, onError: () => onResult(null) });
  };
  const result = tryIt.data;
  return (
    <Card size="small" title={t('decisions.try')}>
      <Form layout="vertical" onFinish={submit}>
        {ids.length > 1 && (
          <Form.Item label={t('decisions.decision')}>
            <Select aria-label={t('decisions.decision')} value={decisionId} onChange={setDecisionId} options={ids.map((id) => ({ value: id, label: decisionText(id, model.decisions[id]!.name, t) }))} />
          </Form.Item>
        )}
        {fields.map((f) => (
          <Form.Item key={f.name} label={f.label} htmlFor={`try-${f.name}`}>
            <Input id={`try-${f.name}`} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={tryIt.isPending}>
          {t('decisions.tryButton')}
        </Button>
      </Form>
      {tryIt.error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={describeError(tryIt.error, t)} />}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t('decisions.result')}
          description={
            <Space direction="vertical">
              <Typography.Text strong>{resultText(model, result.decisionId, result.result)}</Typography.Text>
              {result.evaluated
                .filter((d) => d.matchedRules.length > 0)
                .map((d) => (
                  <Typography.Text key={d.decisionId} type="secondary">
                    {t('decisions.matchedRules', { decision: decisionText(d.decisionId, d.decisionName, t), rules: d.matchedRules.map((r) => `#${r.index}${r.description ? ` ${r.description}` : ''}`).join('、') })}
                  </Typography.Text>
                ))}
            </Space>
          }
        />
      )}
    </Card>
  );
}

/** 决策表: the DMN files the processes decide with (e.g. 信用等级评估原则), each version readable by everyone. */
export function DecisionsPage() {
  const { t } = useI18n();
  const files = useDecisionFiles();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? files.data?.[0]?.key;
  const version = Number(params.get('version')) || undefined;
  const summary = files.data?.find((f) => f.key === key);
  const file = useDecisionFile(key, version);
  const [tried, setTried] = useState<DecisionEvaluated | null>(null);
  const matched = useMemo(() => new Set(tried?.evaluated.flatMap((d) => d.matchedRules.map((r) => r.id)) ?? []), [tried]);
  const [editing, setEditing] = useState(false);
  const [deployed, setDeployed] = useState<DecisionDeployed | null>(null);
  const select = (next: Record<string, string>) => {
    setTried(null);
    setEditing(false);
    setDeployed(null);
    setParams(next);
  };
  const onDeployed = (d: DecisionDeployed) => {
    select({ key: d.decision.key, version: String(d.decision.version) });
    setDeployed(d);
  };
  const owner = canDeployProcesses(session.data);

  return (
    <Card title={t('decisions.title')}>
      <Typography.Paragraph type="secondary">{t('decisions.help')}</Typography.Paragraph>
      <QueryState isPending={files.isPending} error={files.error} onRetry={() => void files.refetch()}>
        {(files.data ?? []).length === 0 ? (
          <Empty description={t('decisions.empty')} />
        ) : (
          <Flex gap={16} wrap="wrap" align="start">
            <List
              style={{ minWidth: 220, flex: '0 0 240px' }}
              bordered
              dataSource={files.data ?? []}
              renderItem={(f) => (
                <List.Item
                  onClick={() => select({ key: f.key })}
                  style={{ cursor: 'pointer', background: f.key === key ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined }}
                  aria-current={f.key === key}
                >
                  <List.Item.Meta title={f.name} description={decisionListDescription(t, f)} />
                </List.Item>
              )}
            />
            <div style={{ flex: '1 1 480px', minWidth: 0 }}>
              <QueryState isPending={file.isPending} error={file.error} onRetry={() => void file.refetch()}>
                {file.data && (
                  <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                    <Flex gap={12} align="center" wrap="wrap">
                      <Typography.Title level={3} style={{ margin: 0 }}>
                        {file.data.name}
                      </Typography.Title>
                      <Select
                        aria-label={t('decisions.version')}
                        value={file.data.version}
                        onChange={(v) => select({ key: file.data!.key, version: String(v) })}
                        options={Array.from({ length: summary?.version ?? file.data.version }, (_, i) => i + 1)
                          .reverse()
                          .map((v) => ({ value: v, label: `v${v}` }))}
                        style={{ width: 96 }}
                      />
                      <Typography.Text type="secondary">{t('decisions.deployedAt', { at: chinaDateTime(file.data.deployedAt) ?? '' })}</Typography.Text>
                      {file.data.reviewStatus !== 'none' && (
                        <Tag color={file.data.reviewStatus === 'proposed' ? 'orange' : file.data.reviewStatus === 'approved' ? 'green' : 'red'}>{t(`decisions.status.${file.data.reviewStatus}`)}</Tag>
                      )}
                      {owner && !editing && <Button onClick={() => setEditing(true)}>{t('decisions.edit')}</Button>}
                    </Flex>
                    {deployed && (
                      <Alert
                        type="success"
                        showIcon
                        closable
                        onClose={() => setDeployed(null)}
                        title={
                          !deployed.created
                            ? t('decisions.submitted.unchanged', { version: deployed.decision.version })
                            : deployed.proposalCaseId
                              ? t('decisions.submitted.proposed', { version: deployed.decision.version, caseId: deployed.proposalCaseId })
                              : t('decisions.submitted.live', { version: deployed.decision.version })
                        }
                      />
                    )}
                    {deployed && <DecisionWarnings warnings={deployed.warnings} />}
                    {editing && <DecisionEditPanel key={`${file.data.key}/${file.data.version}`} xml={file.data.xml} version={file.data.version} onClose={() => setEditing(false)} onDeployed={onDeployed} />}
                    {file.data.reviewStatus === 'proposed' && <DecisionChangeDiff fileKey={file.data.key} version={file.data.version} />}
                    {Object.values(file.data.model.decisions).map((d) => (
                      <Card key={d.id} size="small" title={decisionText(d.id, d.name, t)}>
                        <DecisionView decision={d} matched={matched} />
                      </Card>
                    ))}
                    {owner && <TryPanel key={`${file.data.key}/${file.data.version}`} fileKey={file.data.key} version={file.data.version} model={file.data.model} onResult={setTried} />}
                  </Space>
                )}
              </QueryState>
            </div>
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

/** "当前 v2，共 3 个版本，v3 待审批": the version in force, not a proposal still waiting for its 客服经理. */
function decisionListDescription(t: ReturnType<typeof useI18n>['t'], f: { version: number; versions: number; inForceVersion: number | null; reviewStatus: string }) {
  const count = t('decisions.versionCount', { version: f.inForceVersion ?? '-', count: f.versions });
  return f.reviewStatus === 'proposed' ? `${count}${t('decisions.versionPending', { version: f.version })}` : count;
}
