import { Alert, Skeleton, Space, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { ApiError } from '../../api/http';
import type { TaskDetail } from '../../../../contract';
import { useCaseState } from '../../api/useCaseState.query';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { FoldingCard } from '../../components/FoldingCard';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { useIsPhone } from '../../lib/useIsPhone';
import { LazyDiagramViewer } from './lazyDiagramViewer';
import { processText } from '../../lib/processNames';

// Preloaded with the task page's code (loadTaskPageCode), it renders without a Suspense fallback.
const DiagramViewer = LazyDiagramViewer;

/** The task's case as a diagram, the task's own element highlighted. */
export function DiagramPanel({ detail }: { detail: TaskDetail }) {
  const c = detail.case;
  // On a phone the decision comes first: the diagram waits, folded, below it.
  const folding = useIsPhone();
  return <CaseDiagramPanel caseId={c.id} processKey={c.processKey} processVersion={c.processVersion} currentElement={detail.task.status === 'open' ? detail.task.elementId : undefined} folding={folding} />;
}

interface CaseDiagramProps {
  caseId: string;
  processKey: string;
  processVersion: number;
  /** A task page's own element (outlined in blue); the case page has none. */
  currentElement?: string;
  /** Completed elements to show when the live state is unavailable (the audit page derives them from the trail). */
  fallbackCompletedCounts?: Record<string, number>;
  /** Starts folded (the task page on a phone). */
  folding?: boolean;
}

/** A case's process version as a diagram, its current position highlighted; bpmn-js loads on demand. */
export function CaseDiagramPanel({ caseId, processKey, processVersion, currentElement, fallbackCompletedCounts, folding = false }: CaseDiagramProps) {
  const { t } = useI18n();
  const c = { id: caseId, processKey, processVersion };
  const version = useProcessVersion(c.processKey, c.processVersion);
  const state = useCaseState(c.id);
  const [renderError, setRenderError] = useState<string | null>(null);
  const gone = state.error instanceof ApiError && state.error.status === 404;

  return (
    <FoldingCard
      folding={folding}
      className="sw-diagram-panel"
      title={
        <Space>
          {t('diagram.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {version.data ? processText(c.processKey, version.data.name, t) : '…'} v{c.processVersion}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4} aria-hidden>
          {currentElement && <Tag color="blue">{t('diagram.legendCurrent')}</Tag>}
          <Tag color="orange">{t('diagram.legendActive')}</Tag>
          <Tag color="green">{t('diagram.legendDone')}</Tag>
        </Space>
      }
    >
      {version.isPending ? (
        <Skeleton.Node active style={{ width: '100%', height: 380 }} />
      ) : version.isError ? (
        <Alert type="error" showIcon title={t('diagram.loadFailed')} description={describeError(version.error, t)} />
      ) : renderError ? (
        <Alert type="error" showIcon title={t('diagram.renderFailed')} description={renderError} />
      ) : (
        <>
          {(gone || state.isError) && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={gone ? t('diagram.noState') : t('diagram.stateFailed')} />}
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 380 }} />}>
            <DiagramViewer
              xml={version.data.xml}
              activeElements={state.data?.activeElements ?? EMPTY_LIST}
              currentElement={currentElement}
              completedCounts={state.data?.completedCounts ?? fallbackCompletedCounts ?? EMPTY_COUNTS}
              label={t('diagram.aria', { name: processText(c.processKey, version.data.name, t) })}
              title={`${t('diagram.title')} · ${processText(c.processKey, version.data.name, t)} v${c.processVersion}`}
              onError={setRenderError}
            />
          </Suspense>
        </>
      )}
    </FoldingCard>
  );
}

const EMPTY_LIST: string[] = [];
const EMPTY_COUNTS: Record<string, number> = {};
