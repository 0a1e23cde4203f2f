import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/hooks';
import type { ProcessSummary } from '../../../../contract';
import { useProcesses } from '../../api/useProcesses.query';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { useProcessVersions } from '../../api/useProcessVersions.query';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, elementText } from '../../lib/problems';
import { formatChinaDateTime } from '../../lib/time';
import { canDeployProcesses, canReadReports } from '../../lib/roles';
import { useProcessAnalytics } from '../../api/useProcessAnalytics.query';
import { heatmap } from '../../lib/heatmap';
import { formatCell } from '../../lib/reportFormat';
import { ElementCaseList, ElementFiguresTable } from './VersionAnalytics';
import { QueryState } from '../QueryState';
import { SchedulesCard } from './SchedulesCard';
import { MigrationCard } from './MigrationCard';
import './processes.css';
import { processText } from '../../lib/processNames';

// The same lazy chunk as the task page's diagram: bpmn-js stays out of the main bundle.
const DiagramViewer = lazy(() => import('../Task/DiagramViewer'));
const CompareVersions = lazy(() => import('./Versions/CompareVersions'));

export const editorHref = (key?: string, version?: number) =>
  key ? `/processes/${encodeURIComponent(key)}/edit${version ? `?version=${version}` : ''}` : '/processes/new';

/** 流程: deployed processes, the versions of one, and a read-only diagram of any version; owners go on to the editor. */
export function ProcessesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useSession().data;
  const owner = canDeployProcesses(me);
  const processes = useProcesses();
  const [search, setSearch] = useSearchParams();
  const selectedKey = search.get('key') ?? undefined;
  const selectedVersion = Number(search.get('version')) || undefined;
  const select = (key: string, version?: number) => setSearch(version ? { key, version: String(version) } : { key }, { replace: true });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('processes.title')}
        extra={
          owner ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(editorHref())}>
              {t('processes.new')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('processes.readOnly')}</Typography.Text>
          )
        }
      >
        <QueryState isPending={processes.isPending} error={processes.error} onRetry={() => void processes.refetch()}>
          <Table<ProcessSummary>
            rowKey="key"
            size="middle"
            dataSource={processes.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={owner ? t('processes.emptyOwner') : t('processes.empty')} /> }}
            rowClassName={(p) => (p.key === selectedKey ? 'ant-table-row-selected' : '')}
            onRow={(p) => ({ onClick: () => select(p.key), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('processes.name'),
                render: (_, p) => (
                  // The process id stays a hover hint for owners who deploy from the CLI (an identifier:
                  // translate="no" for the hint); people read names.
                  <Typography.Text strong title={t('processes.keyHint', { key: p.key })} translate="no">
                    <span translate="yes">{processText(p.key, p.name, t)}</span>
                  </Typography.Text>
                ),
              },
              { title: t('processes.latest'), render: (_, p) => <Tag color="blue">v{p.version}</Tag>, width: 110 },
              { title: t('processes.versions'), dataIndex: 'versions', width: 90 },
              { title: t('processes.deployedBy'), render: (_, p) => (p.deployedBy ? (p.deployedByName ?? '') : t('processes.system')), width: 160 },
              { title: t('processes.deployedAt'), render: (_, p) => <RelativeTime iso={p.deployedAt} />, width: 150 },
              {
                title: t('task.actions'),
                width: 200,
                render: (_, p) => (
                  <Space size={4} onClick={(e) => e.stopPropagation()}>
                    <Button size="small" icon={<EyeOutlined />} onClick={() => select(p.key)} aria-label={t('processes.viewAria', { name: processText(p.key, p.name, t) })}>
                      {t('processes.view')}
                    </Button>
                    {owner && (
                      <Button size="small" icon={<EditOutlined />} onClick={() => navigate(editorHref(p.key))} aria-label={t('processes.editAria', { name: processText(p.key, p.name, t) })}>
                        {t('processes.edit')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </QueryState>
      </Card>
      {selectedKey && <ProcessDetail key={selectedKey} processKey={selectedKey} version={selectedVersion} owner={owner} onSelect={(v) => select(selectedKey, v)} />}
    </Space>
  );
}

function ProcessDetail({ processKey, version, owner, onSelect }: { processKey: string; version?: number; owner: boolean; onSelect: (v: number) => void }) {
  const { t, lang } = useI18n();
  const versions = useProcessVersions(processKey);
  const latest = versions.data?.[0]?.version;
  const shown = version ?? latest;
  const name = processText(processKey, versions.data?.[0]?.name, t);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7}>
        <Card size="small" title={t('processes.versionsOf', { name })}>
          <QueryState isPending={versions.isPending} error={versions.error} onRetry={() => void versions.refetch()}>
            {versions.data?.length ? (
              <ul className="sw-versions" aria-label={t('processes.versionsOf', { name })}>
                {versions.data.map((v) => (
                  <li key={v.version} className={v.version === shown ? 'sw-version-selected' : undefined}>
                    <button type="button" className="sw-version-button" aria-pressed={v.version === shown} onClick={() => onSelect(v.version)}>
                      <Space size={6}>
                        <Tag color={v.version === latest ? 'blue' : 'default'}>v{v.version}</Tag>
                        <Typography.Text>{v.name}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                        {v.deployedBy ? (v.deployedByName ?? '') : t('processes.system')} · {formatChinaDateTime(v.deployedAt, lang)}
                      </Typography.Text>
                      {v.changeNote && (
                        <Typography.Paragraph className="sw-version-note" ellipsis={{ rows: 2, tooltip: v.changeNote }} style={{ fontSize: 12, margin: 0 }}>
                          {t('versions.note', { note: v.changeNote })}
                        </Typography.Paragraph>
                      )}
                    </button>
                    {owner && (
                      <Tooltip title={t('processes.editFrom', { version: v.version })}>
                        <Link to={editorHref(v.key, v.version)} aria-label={t('processes.editFrom', { version: v.version })} className="sw-version-edit">
                          <EditOutlined />
                        </Link>
                      </Tooltip>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('processes.noVersions')} />
            )}
          </QueryState>
        </Card>
      </Col>
      <Col xs={24} lg={17}>{shown ? <VersionDiagram processKey={processKey} version={shown} /> : versions.isPending ? <Skeleton active /> : null}</Col>
      {versions.data && versions.data.length > 1 && (
        <Col xs={24}>
          <Suspense fallback={<Skeleton active />}>
            <CompareVersions processKey={processKey} versions={versions.data} />
          </Suspense>
        </Col>
      )}
      <Col xs={24}>
        <SchedulesCard processKey={processKey} owner={owner} />
      </Col>
      {owner && versions.data && versions.data.length > 1 && (
        <Col xs={24}>
          <MigrationCard processKey={processKey} versions={versions.data} />
        </Col>
      )}
    </Row>
  );
}

function VersionDiagram({ processKey, version }: { processKey: string; version: number }) {
  const { t, lang } = useI18n();
  const v = useProcessVersion(processKey, version);
  const [renderError, setRenderError] = useState<{ xml: string; message: string } | null>(null);
  // Process analytics (heatmap, figures, cases per step): for the readers of reports, on demand.
  const analyst = canReadReports(useSession().data);
  const [showAnalytics, setShowAnalytics] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const analytics = useProcessAnalytics(processKey, version, analyst && showAnalytics);
  const heat = useMemo(
    () =>
      showAnalytics && analytics.data
        ? heatmap(analytics.data.elements, (e) => ({
            badge: t('analytics.badge', { active: e.active, average: formatCell(e.averageHours, 'hours', lang) }),
            title: t('analytics.badgeTitle', { active: e.active, completed: e.completed, average: formatCell(e.averageHours, 'hours', lang), p90: formatCell(e.p90Hours, 'hours', lang) }),
          }))
        : undefined,
    [showAnalytics, analytics.data, t, lang],
  );
  // The step chosen (a row, or an element of the diagram) by its name, else its kind; never its id.
  const figures = analytics.data?.elements.find((e) => e.elementId === selected);
  const modelElement = selected ? v.data?.model.elements[selected] : undefined;
  const selectedName = selected ? elementText({ elementId: selected, elementType: figures?.elementType ?? modelElement?.type, elementName: figures?.name ?? modelElement?.name }, t) : null;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('diagram.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {v.data ? processText(processKey, v.data.name, t) : '…'} v{version}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {analyst && (
            <Space size={4}>
              <Switch size="small" checked={showAnalytics} onChange={setShowAnalytics} aria-label={t('analytics.toggle')} />
              <Typography.Text>{t('analytics.toggle')}</Typography.Text>
            </Space>
          )}
          {v.data && <Typography.Text type="secondary" copyable={{ text: v.data.hash }}>{`sha256 ${v.data.hash.slice(0, 10)}…`}</Typography.Text>}
        </Space>
      }
    >
      {v.isPending ? (
        <Skeleton.Node active style={{ width: '100%', height: 380 }} />
      ) : v.isError ? (
        <Alert type="error" showIcon title={t('diagram.loadFailed')} description={describeError(v.error, t)} />
      ) : renderError?.xml === v.data.xml ? (
        <Alert type="error" showIcon title={t('diagram.renderFailed')} description={renderError.message} />
      ) : (
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 380 }} />}>
          <DiagramViewer
            xml={v.data.xml}
            activeElements={EMPTY_LIST}
            completedCounts={EMPTY_COUNTS}
            {...(heat ? { heat, onElementClick: setSelected } : {})}
            label={t('processes.diagramAria', { name: processText(processKey, v.data.name, t), version })}
            onError={(message) => setRenderError({ xml: v.data.xml, message })}
          />
        </Suspense>
      )}
      {showAnalytics && (
        <div style={{ marginTop: 16 }}>
          {analytics.isPending ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : analytics.isError ? (
            <Alert type="error" showIcon title={t('common.loadFailed')} description={describeError(analytics.error, t)} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} size={16}>
              <Typography.Text type="secondary">{t('analytics.hint')}</Typography.Text>
              <ElementFiguresTable data={analytics.data} selected={selected} onSelect={setSelected} />
              {selected && <ElementCaseList processKey={processKey} version={version} elementId={selected} name={selectedName ?? ''} />}
            </Space>
          )}
        </div>
      )}
    </Card>
  );
}

const EMPTY_LIST: string[] = [];
const EMPTY_COUNTS: Record<string, number> = {};
