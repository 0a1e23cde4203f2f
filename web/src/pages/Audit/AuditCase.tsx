import { DownloadOutlined, ExportOutlined, HistoryOutlined, LoadingOutlined } from '@ant-design/icons';
import { Person } from '../../components/Person';
import { Alert, App as AntApp, Button, Card, Descriptions, Flex, Space, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { AuditTrail, Case } from '../../../../contract';
import { useCase } from '../../api/useCase.query';
import { useCaseAudit } from '../../api/useCaseAudit.query';
import { useReplayCase } from '../../api/useReplayCase.mutation';
import { useAuditExport } from '../../api/useAuditExport.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { CaseLoadState } from '../Cases/CaseLoadState';
import { CaseTitle } from '../Cases/CaseTitle';
import { auditExport, auditFileName, completedFromTrail, formatSeconds, replayOutcome, temporalUiHref, type TrailReader } from '../../lib/audit';
import { stepNameResolver } from '../../lib/caseEvents';
import { useDictionary } from '../../components/Variables';
import { caseStatusLabel, outcomeLabel } from '../../components/outcomes';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { useEventWords } from '../Cases/useEventWords';
import { describeError } from '../../lib/problems';
import { formatDateTimeExact } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import { caseHref } from '../Cases/caseLinks';
import { CaseDiagramPanel } from '../Task/DiagramPanel';
import { AuditTrailCard } from './AuditTrailCard';
import { AuditPlayback } from './AuditPlayback';
import { useProcessLabel } from '../../api/useProcesses.query';

/** One case under audit: header with the replay check, export and Temporal link; the diagram; the verified trail. */
export function AuditCase({ caseId }: { caseId: string }) {
  const detail = useCase(caseId);
  const audit = useCaseAudit(caseId);
  const completed = useMemo(() => (audit.data ? completedFromTrail(audit.data.entries) : undefined), [audit.data]);

  if (!detail.data) return <CaseLoadState isPending={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()} rows={8} />;
  const c = detail.data.case;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <CaseHeader c={c} trail={audit.data} />
      <CaseDiagramPanel caseId={c.id} processKey={c.processKey} processVersion={c.processVersion} fallbackCompletedCounts={completed} />
      {audit.data && <PlaybackWithReader c={c} trail={audit.data} />}
      <AuditTrailCard c={c} audit={audit} />
    </Space>
  );
}

function PlaybackWithReader({ c, trail }: { c: Case; trail: AuditTrail }) {
  return <AuditPlayback c={c} trail={trail} reader={useTrailReader(c, trail)} />;
}

/** How the export words the trail for people: as the trail table does, in the reader's language. */
function useTrailReader(c: Case, trail: AuditTrail | undefined): TrailReader {
  const { t, lang } = useI18n();
  const processLabel = useProcessLabel();
  const version = useProcessVersion(c.processKey, c.processVersion);
  const words = useEventWords(version.data);
  const dict = useDictionary(version.data);
  return useMemo(() => {
    const taskName = stepNameResolver(trail?.entries ?? [], version.data, [], t('event.aStep'));
    return {
      lang,
      words,
      dict,
      taskName,
      say: (line, e) => t(line.key, e.kind === 'case.ended' ? { ...line.vars, status: caseStatusLabel(t, String(line.vars.status)) } : line.vars),
      outcome: (o) => outcomeLabel(t, o),
      status: (s) => caseStatusLabel(t, s),
      process: processLabel,
    };
  }, [t, lang, words, dict, trail, version.data, processLabel]);
}

function CaseHeader({ c, trail }: { c: Case; trail: AuditTrail | undefined }) {
  const { t, lang } = useI18n();
  const processLabel = useProcessLabel();
  const reader = useTrailReader(c, trail);
  const { message } = AntApp.useApp();
  const replay = useReplayCase();

  const exporter = useAuditExport();

  // The server's file is what `shouwen verify-export` checks; the readable section is added for people.
  const exportTrail = () => {
    if (!trail) return;
    exporter.mutate(c.id, {
      onSuccess: (checked) => {
        const file = auditFileName(c.businessKey);
        const readable = auditExport(c, trail, new Date(checked.exportedAt), reader).readable;
        const url = URL.createObjectURL(new Blob([JSON.stringify({ ...checked, readable }, null, 2)], { type: 'application/json' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = file;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        void message.success(t('audit.exported', { file }));
      },
      onError: (err) => void message.error(describeError(err, t)),
    });
  };

  return (
    <Card size="small">
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <CaseTitle c={c} level={4} />
        </div>
        <Space wrap>
          <Tooltip title={t('audit.replayHint')}>
            <Button type="primary" icon={<HistoryOutlined />} loading={replay.isPending} onClick={() => replay.mutate(c.id)}>
              {t('audit.replay')}
            </Button>
          </Tooltip>
          <Tooltip title={t('audit.exportHint')}>
            <Button icon={<DownloadOutlined />} disabled={!trail} loading={exporter.isPending} onClick={exportTrail}>
              {t('audit.export')}
            </Button>
          </Tooltip>
          <Tooltip title={t('audit.temporalHint')}>
            <Button icon={<ExportOutlined />} href={temporalUiHref(window.location.hostname, c.id)} target="_blank" rel="noopener noreferrer">
              {t('audit.temporal')}
            </Button>
          </Tooltip>
          <Link to={caseHref(c.id)}>{t('audit.openCase')}</Link>
        </Space>
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'process', label: t('case.process'), children: processLabel(c.processKey, c.processVersion) },
          { key: 'initiator', label: t('context.initiator'), children: c.initiatorId ? <Person id={c.initiatorId} name={c.initiatorName} /> : '—' },
          { key: 'started', label: t('case.startedAt'), children: <time dateTime={c.startedAt}>{formatDateTimeExact(c.startedAt, lang)}</time> },
          { key: 'ended', label: t('case.endedAt'), children: c.endedAt ? <time dateTime={c.endedAt}>{formatDateTimeExact(c.endedAt, lang)}</time> : '—' },
        ]}
      />
      <div aria-live="polite">
        {replay.isPending ? (
          <ReplayProgress since={replay.submittedAt} />
        ) : replay.isError ? (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={t('audit.replayFailed')} description={describeError(replay.error, t)} />
        ) : replay.data ? (
          <ReplayResultView result={replay.data} />
        ) : null}
      </div>
    </Card>
  );
}

/** While the server replays (seconds): a spinner and how long it has taken so far. */
function ReplayProgress({ since }: { since: number }) {
  const { t } = useI18n();
  const now = useNow(500);
  return <Alert style={{ marginTop: 12 }} type="info" icon={<LoadingOutlined />} showIcon title={t('audit.replaying', { seconds: formatSeconds(now - since) })} />;
}

function ReplayResultView({ result }: { result: NonNullable<ReturnType<typeof useReplayCase>['data']> }) {
  const { t } = useI18n();
  const out = replayOutcome(result);
  return (
    <Alert
      style={{ marginTop: 12 }}
      type={out.type}
      showIcon
      title={t(out.key, out.vars)}
      description={
        <>
          <Typography.Text type="secondary">{t('audit.replayDuration', out.vars)}</Typography.Text>
          {out.detail && (
            <>
              <div className="sw-input-label" style={{ marginTop: 8 }}>
                {t('audit.divergence')}
              </div>
              <pre className="sw-audit-divergence" tabIndex={0} aria-label={t('audit.divergence')}>
                {out.detail}
              </pre>
            </>
          )}
        </>
      }
    />
  );
}
