import { SwapOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { MigrationCaseResult, MigrationReport, ProcessVersionInfo } from '../../../../contract';
import { useMigrateCases } from '../../api/useMigrateCases.mutation';
import { useRunningCases } from '../../api/useRunningCases.query';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { elementsToMap, mappingChoices, migrationProblemText, moveStepText } from '../../lib/migration';
import { describeError } from '../../lib/problems';
import { QueryState } from '../QueryState';

const OUTCOME_COLOR: Record<MigrationCaseResult['outcome'], string> = { ready: 'green', migrated: 'blue', refused: 'red' };

/**
 * 迁移运行中的案例 (issue 18 item 7): running cases of older versions moved to a chosen version —
 * a dry run first (what happens to each case, refusals by step name), a mapping for steps the
 * target lacks, then the move with a note, and an undo per case until it takes a step.
 */
export function MigrationCard({ processKey, versions }: { processKey: string; versions: ProcessVersionInfo[] }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [target, setTarget] = useState<number>(versions[0]!.version);
  const [selected, setSelected] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [report, setReport] = useState<MigrationReport | null>(null);
  const running = useRunningCases(processKey);
  const targetVersion = useProcessVersion(processKey, target);
  const migrate = useMigrateCases(processKey);
  const candidates = useMemo(() => (running.data?.items ?? []).filter((c) => c.processVersion !== target), [running.data, target]);
  const toMap = report ? elementsToMap(report.results, t) : [];

  const send = (dryRun: boolean, body?: { targetVersion: number; caseIds: string[] }) =>
    migrate.mutate(
      { targetVersion: body?.targetVersion ?? target, caseIds: body?.caseIds ?? selected, mapping: body ? {} : mapping, dryRun, ...(note.trim() && !body ? { note: note.trim() } : {}) },
      {
        onSuccess: (r) => {
          setReport(r);
          if (!r.dryRun) {
            const moved = r.results.filter((x) => x.outcome === 'migrated').length;
            void message.success(t('migration.done', { migrated: moved, refused: r.results.length - moved }));
            void running.refetch();
          }
        },
      },
    );

  const steps = (r: MigrationCaseResult) => r.moves.map((m) => `${moveStepText(m.from, m.fromName, m.fromType, t)} → ${moveStepText(m.to, m.toName, m.toType, t)}`).join('、');
  const ready = report?.dryRun ? report.results.filter((r) => r.outcome === 'ready').length : 0;

  return (
    <Card size="small" title={<Space><SwapOutlined />{t('migration.title')}</Space>} aria-label={t('migration.title')}
      extra={
        <Space>
          <Typography.Text>{t('migration.target')}</Typography.Text>
          <Select
            size="small"
            style={{ width: 110 }}
            aria-label={t('migration.target')}
            value={target}
            onChange={(v) => {
              setTarget(v);
              setReport(null);
              setMapping({});
            }}
            options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))}
          />
        </Space>
      }
    >
      <QueryState isPending={running.isPending} error={running.error} onRetry={() => void running.refetch()}>
        {candidates.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('migration.empty')} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            <Typography.Text type="secondary">{t('migration.hint')}</Typography.Text>
            <Table
              rowKey="id"
              size="small"
              dataSource={candidates}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => { setSelected(keys as string[]); setReport(null); } }}
              columns={[
                { title: t('migration.col.case'), render: (_, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link> },
                { title: t('migration.col.version'), width: 100, render: (_, c) => <Tag>v{c.processVersion}</Tag> },
                { title: t('migration.col.started'), width: 150, render: (_, c) => <RelativeTime iso={c.startedAt} /> },
              ]}
            />
            {toMap.length > 0 && (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text>{t('migration.mapTitle')}</Typography.Text>
                {toMap.map((m) => (
                  <MappingRow key={m.elementId} name={m.name} value={mapping[m.elementId]} choices={mappingChoices(targetVersion.data, kindOf(report, m.elementId), t)} placeholder={t('migration.mapPlaceholder')}
                    onChange={(to) => setMapping((old) => ({ ...old, [m.elementId]: to }))} />
                ))}
              </Space>
            )}
            <Input placeholder={t('migration.note')} aria-label={t('migration.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            <Space>
              <Typography.Text type="secondary">{t('migration.selected', { count: selected.length })}</Typography.Text>
              <Button disabled={selected.length === 0} loading={migrate.isPending && migrate.variables?.dryRun} onClick={() => send(true)}>
                {t('migration.dryRun')}
              </Button>
              <Popconfirm title={t('migration.confirm', { count: ready, version: target })} onConfirm={() => send(false)} disabled={ready === 0}>
                <Button type="primary" disabled={ready === 0} loading={migrate.isPending && migrate.variables?.dryRun === false}>
                  {t('migration.run')}
                </Button>
              </Popconfirm>
            </Space>
          </Space>
        )}
      </QueryState>
      {migrate.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={describeError(migrate.error, t)} />}
      {report && (
        <Table
          style={{ marginTop: 12 }}
          rowKey="caseId"
          size="small"
          aria-label={t('migration.col.outcome')}
          dataSource={report.results}
          pagination={false}
          columns={[
            { title: t('migration.col.case'), render: (_, r) => candidates.find((c) => c.id === r.caseId)?.title ?? r.businessKey ?? '—' },
            {
              title: t('migration.col.outcome'),
              width: 110,
              render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{t(r.outcome === 'migrated' && r.undo ? 'migration.outcome.undone' : (`migration.outcome.${r.outcome}` as MessageKey))}</Tag>,
            },
            { title: t('migration.col.steps'), render: (_, r) => steps(r) || '—' },
            {
              title: t('migration.col.reason'),
              render: (_, r) =>
                r.outcome === 'migrated' && !r.undo && r.fromVersion !== null ? (
                  <Button size="small" onClick={() => send(false, { targetVersion: r.fromVersion!, caseIds: [r.caseId] })}>
                    {t('migration.undo')}
                  </Button>
                ) : (
                  r.problems.map((p) => migrationProblemText(p, t)).join('；') || '—'
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function MappingRow(props: { name: string; value: string | undefined; choices: Array<{ value: string; label: string }>; placeholder: string; onChange: (to: string) => void }) {
  return (
    <Space>
      <Typography.Text strong>{props.name}</Typography.Text>
      <span aria-hidden>→</span>
      <Select size="small" style={{ minWidth: 200 }} aria-label={props.name} placeholder={props.placeholder} value={props.value} options={props.choices} onChange={props.onChange} />
    </Space>
  );
}

/** How a step a refusal names waits (the planner says it): only target steps that wait the same way are offered. */
function kindOf(report: MigrationReport | null, elementId: string): string | null {
  const problem = report?.results.flatMap((r) => r.problems).find((p) => p.elementId === elementId);
  return problem?.params.kind ?? null;
}
