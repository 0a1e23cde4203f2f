import { CaretRightOutlined, PauseOutlined, StepBackwardOutlined, StepForwardOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Slider, Space, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AuditTrail, Case } from '../../../../contract';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { useI18n } from '../../i18n/I18nProvider';
import { readableEntry, type TrailReader } from '../../lib/audit';
import { playbackFrames } from '../../lib/playback';
import { describeError } from '../../lib/problems';

const DiagramViewer = lazy(() => import('../Task/DiagramViewer'));
/** How long a frame stays while playing. */
const FRAME_MS = 1200;
const NO_ACTIVE: string[] = [];

/** 回放: the case's audit trail stepped through on its diagram — forward, back, scrub, play — with who did what, when, with which outcome and data. */
export function AuditPlayback({ c, trail, reader }: { c: Case; trail: AuditTrail; reader: TrailReader }) {
  const { t } = useI18n();
  const version = useProcessVersion(c.processKey, c.processVersion);
  const frames = useMemo(() => playbackFrames(trail.entries), [trail.entries]);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = frames.length - 1;
  useEffect(() => {
    if (!playing) return;
    if (at >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setAt((i) => Math.min(i + 1, last)), FRAME_MS);
    return () => clearTimeout(timer);
  }, [playing, at, last]);
  if (frames.length === 0) return <Card title={t('playback.title')}><Empty description={t('playback.empty')} /></Card>;
  const frame = frames[Math.min(at, last)]!;
  const shown = readableEntry(frame.entry, reader, c.processVersion);
  const go = (i: number) => setAt(Math.max(0, Math.min(last, i)));

  return (
    <Card title={t('playback.title')} data-testid="audit-playback">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {version.isPending ? (
          <Skeleton.Node active style={{ width: '100%', height: 380 }} />
        ) : version.isError ? (
          <Alert type="error" showIcon title={t('diagram.loadFailed')} description={describeError(version.error, t)} />
        ) : (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 380 }} />}>
            <DiagramViewer
              xml={version.data.xml}
              activeElements={frame.active.length ? frame.active : NO_ACTIVE}
              {...(frame.elementId ? { currentElement: frame.elementId } : {})}
              completedCounts={frame.completed}
              label={t('playback.diagram', { n: frame.entry.n })}
              onError={() => undefined}
            />
          </Suspense>
        )}
        <Space wrap role="toolbar" aria-label={t('playback.controls')}>
          <Tooltip title={t('playback.back')}>
            <Button icon={<StepBackwardOutlined />} aria-label={t('playback.back')} disabled={at === 0} onClick={() => { setPlaying(false); go(at - 1); }} />
          </Tooltip>
          <Tooltip title={playing ? t('playback.pause') : t('playback.play')}>
            <Button
              type="primary"
              icon={playing ? <PauseOutlined /> : <CaretRightOutlined />}
              aria-label={playing ? t('playback.pause') : t('playback.play')}
              onClick={() => {
                if (!playing && at >= last) setAt(0);
                setPlaying(!playing);
              }}
            />
          </Tooltip>
          <Tooltip title={t('playback.forward')}>
            <Button icon={<StepForwardOutlined />} aria-label={t('playback.forward')} disabled={at >= last} onClick={() => { setPlaying(false); go(at + 1); }} />
          </Tooltip>
          <Typography.Text aria-live="polite">{t('playback.position', { n: frame.entry.n, total: frames.at(-1)!.entry.n })}</Typography.Text>
        </Space>
        <Slider min={0} max={last} value={at} onChange={(v) => { setPlaying(false); go(v); }} aria-label={t('playback.scrub')} tooltip={{ formatter: (i) => (i === undefined ? '' : `#${frames[i]?.entry.n}`) }} />
        <Descriptions size="small" column={1} bordered aria-label={t('playback.entry')}>
          <Descriptions.Item label={t('playback.when')}>{shown.time}</Descriptions.Item>
          <Descriptions.Item label={t('playback.who')}>{shown.actor}</Descriptions.Item>
          <Descriptions.Item label={t('playback.what')}>{shown.what}</Descriptions.Item>
          {shown.step && <Descriptions.Item label={t('playback.step')}>{shown.step}</Descriptions.Item>}
          {shown.outcome && <Descriptions.Item label={t('playback.outcome')}>{shown.outcome}</Descriptions.Item>}
          {shown.note && <Descriptions.Item label={t('playback.note')}>{shown.note}</Descriptions.Item>}
          {Object.entries(shown.data).map(([label, text]) => (
            <Descriptions.Item key={label} label={label}>
              {text}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Space>
    </Card>
  );
}
