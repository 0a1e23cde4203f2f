import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Descriptions, Empty, Row, Segmented, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import type { CaseEvent, CaseState } from '../../../../contract';
import { useCase } from '../../api/useCase.query';
import { useCaseState } from '../../api/useCaseState.query';
import { useProcessVersion, type ProcessVersionWithForms } from '../../api/useProcessVersion.query';
import { casePeople, useDictionary, VariableTable } from '../../components/Variables';
import type { People } from '../../lib/dictionary';
import { StepData } from '../Task/CaseContext';
import { RelativeTime } from '../../components/RelativeTime';
import { caseStatusLabel, outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { completedData, describeCaseEvent, modelElementType, stepNameResolver } from '../../lib/caseEvents';
import { personLabel } from '../../lib/person';
import { Person } from '../../components/Person';
import { describeError, elementText } from '../../lib/problems';
import { formatDateTime } from '../../lib/time';
import { CaseDiagramPanel } from '../Task/DiagramPanel';
import { useSession } from '../../api/hooks';
import { awaitedMessages } from '../../lib/awaitedMessages';
import { isReadOnlyUser } from '../../lib/roles';
import { AwaitedMessages } from './AwaitedMessages';
import { IncidentPanel } from './IncidentPanel';
import { CaseLoadState } from './CaseLoadState';
import { CaseRecords } from './CaseRecords';
import { CaseTitle } from './CaseTitle';
import { taskHref } from '../Task/taskLinks';
import './cases.css';
import { useEventWords } from './useEventWords';
import { useRoleName, useUnitName } from './useUnitName';
import { useProcessLabel } from '../../api/useProcesses.query';

/** `/cases/:id`: the case, its diagram with where it stands, open tasks, the history of who did what, and variables. */
export function CaseDetailPage() {
  const { t } = useI18n();
  const processLabel = useProcessLabel();
  const unitNameOf = useUnitName();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const detail = useCase(id);
  const back = () => navigate('/cases');
  const c0 = detail.data?.case;
  const version = useProcessVersion(c0?.processKey ?? '', c0?.processVersion ?? 0, Boolean(c0));

  if (!detail.data) return <CaseLoadState isPending={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()} onBack={back} />;
  const c = detail.data.case;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingInline: 0 }}>
          {t('caseDetail.back')}
        </Button>
        <div style={{ marginTop: 4 }}>
          <CaseTitle c={c} level={3} />
        </div>
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'process', label: t('case.process'), children: <Link to={`/processes?key=${encodeURIComponent(c.processKey)}&version=${c.processVersion}`}>{processLabel(c.processKey, c.processVersion)}</Link> },
            { key: 'owner', label: t('context.owner'), children: c.ownerId ? <Person id={c.ownerId} name={c.ownerName} /> : '—' },
            { key: 'initiator', label: t('context.initiator'), children: c.initiatorId ? <Person id={c.initiatorId} name={c.initiatorName} /> : '—' },
            { key: 'unit', label: t('caseDetail.unit'), children: unitNameOf(c.unitId) },
            {
              key: 'customer',
              label: t('context.customer'),
              children: detail.data.customer ? (
                <span title={detail.data.customer.id}>
                  {detail.data.customer.name} <Tag>{detail.data.customer.tier}</Tag>
                </span>
              ) : (
                (c.customerId ?? '—')
              ),
            },
            { key: 'started', label: t('case.startedAt'), children: <RelativeTime iso={c.startedAt} /> },
            { key: 'ended', label: t('case.endedAt'), children: <RelativeTime iso={c.endedAt} /> },
            ...(c.parentCaseId ? [{ key: 'parent', label: t('caseDetail.parent'), children: <Link to={`/cases/${encodeURIComponent(c.parentCaseId)}`}>{c.parentCaseId}</Link> }] : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CaseDiagramPanel caseId={c.id} processKey={c.processKey} processVersion={c.processVersion} />
            <LiveState caseId={c.id} fallbackVariables={c.variables} running={c.status === 'running'} version={version.data} people={casePeople(c)} />
            <CaseRecords caseId={c.id} forms={version.data?.forms} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <History events={detail.data.events} processKey={c.processKey} processVersion={c.processVersion} caseId={c.id} onStale={() => void detail.refetch()} />
        </Col>
      </Row>
    </Space>
  );
}

/** Open tasks (links to the task page) and the variables, from the live workflow; the stored variables once it is gone. */
function LiveState({ caseId, fallbackVariables, running, version, people }: { caseId: string; fallbackVariables: Record<string, unknown>; running: boolean; version: ProcessVersionWithForms | undefined; people: People }) {
  const { t } = useI18n();
  const unitNameOf = useUnitName();
  const roleName = useRoleName();
  const model = version?.model;
  const dict = useDictionary(version);
  const [view, setView] = useState<'table' | 'json'>('table');
  const state = useCaseState(caseId);
  const me = useSession().data;
  const waitingFor = useMemo(
    () => awaitedMessages(model, state.data?.activeElements ?? [], state.data?.awaitingMessages),
    [model, state.data?.activeElements, state.data?.awaitingMessages],
  );
  const gone = state.error instanceof ApiError && state.error.status === 404;
  const variables = state.data?.variables ?? fallbackVariables;
  const open: CaseState['openTasks'] = state.data?.openTasks ?? [];
  return (
    <>
      {state.data && <IncidentPanel caseId={caseId} incidents={(state.data.incidents ?? []).map((i) => ({ ...i, elementType: i.elementType ?? modelElementType(version, i.elementId) }))} />}
      <Card size="small" title={`${t('caseDetail.openTasks')}${state.data ? ` (${open.length})` : ''}`}>
        {state.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : state.isError && !gone ? (
          <Alert type="warning" showIcon title={t('diagram.stateFailed')} description={describeError(state.error, t)} action={<Button size="small" onClick={() => void state.refetch()}>{t('common.retry')}</Button>} />
        ) : open.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={running && !gone ? t('caseDetail.noOpenTasks') : t('caseDetail.ended')} />
        ) : (
          <ul className="sw-open-tasks">
            {open.map((task) => (
              <li key={task.taskId}>
                <Link to={taskHref(task.taskId)}>{elementText({ elementId: task.elementId, elementType: modelElementType(version, task.elementId) ?? 'userTask', elementName: task.name }, t)}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {task.assigneeId ? t('caseDetail.assignedTo', { who: personLabel(task.assigneeId, task.assigneeName, t('audit.system')) }) : t('caseDetail.candidates', { who: [...task.candidateGroups.map(roleName), ...(task.candidateUserNames ?? task.candidateUsers)].join('、') || '—' })}
                  {' · '}
                  {unitNameOf(task.unitId)}
                </Typography.Text>
                {task.dueAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('task.due')}: <RelativeTime iso={task.dueAt} />
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {running && <AwaitedMessages caseId={caseId} messages={waitingFor} registrable={state.data?.registrableMessages ?? (isReadOnlyUser(me) ? [] : undefined)} />}
      <Collapse
        size="small"
        defaultActiveKey={['vars']}
        items={[
          {
            key: 'vars',
            label: `${t('caseDetail.variables')} (${Object.keys(variables).length})${gone || !state.data ? ` · ${t('caseDetail.storedVariables')}` : ''}`,
            children: Object.keys(variables).length ? (
              <>
                <Segmented
                  size="small"
                  style={{ marginBottom: 8 }}
                  value={view}
                  onChange={(v) => setView(v as 'table' | 'json')}
                  options={[
                    { value: 'table', label: t('caseDetail.variablesTable') },
                    { value: 'json', label: t('caseDetail.variablesJson') },
                  ]}
                />
                {view === 'table' ? (
                  <VariableTable dict={dict} variables={variables} column={2} label={t('caseDetail.variables')} className="sw-case-variables" people={people} />
                ) : (
                  <pre className="sw-json" tabIndex={0} aria-label={t('caseDetail.variables')}>
                    {JSON.stringify(variables, null, 2)}
                  </pre>
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('caseDetail.noVariables')}</Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

/** 处理记录: every event, oldest first, each in words (who did what, when). */
function History({ events, processKey, processVersion, caseId, onStale }: { events: CaseEvent[]; processKey: string; processVersion: number; caseId: string; onStale: () => void }) {
  const { t, lang } = useI18n();
  const version = useProcessVersion(processKey, processVersion);
  const words = useEventWords(version.data);
  const dict = useDictionary(version.data);
  const openTasks = useCaseState(caseId).data?.openTasks;
  const taskName = useMemo(
    () => stepNameResolver(events, version.data, openTasks ?? [], t('event.aStep'), (el) => elementText({ elementId: el, elementType: modelElementType(version.data, el) ?? 'userTask' }, t)),
    [events, version.data, openTasks, t],
  );
  // A page opened right after the start (or a step) has the events of that moment; when the live
  // state shows a task the history has not recorded yet, the history is read again.
  // Once per set of unrecorded tasks: a projection that lags behind is not polled in a loop.
  const missing = (openTasks ?? []).filter((o) => !events.some((e) => e.taskId === o.taskId)).map((o) => o.taskId).join(',');
  const askedFor = useRef('');
  useEffect(() => {
    if (missing && askedFor.current !== missing) {
      askedFor.current = missing;
      onStale();
    }
  }, [missing, onStale]);
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <Card size="small" title={`${t('context.history')} (${events.length})`}>
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseDetail.noEvents')} />
      ) : (
        <Timeline
          items={sorted.map((e) => {
            const line = describeCaseEvent(e, taskName, processVersion, words);
            const vars = e.kind === 'case.ended' ? { ...line.vars, status: caseStatusLabel(t, String(line.vars.status)) } : line.vars;
            return {
              key: e.seq,
              color: line.color,
              content: (
                <div className="sw-step">
                  <Space size={6} wrap>
                    <Typography.Text>{t(line.key, vars)}</Typography.Text>
                    {line.outcome && <Tag color={outcomeColor(line.outcome)}>{outcomeLabel(t, line.outcome)}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {/* The case's own numbering, as on the audit page (not the sequence all cases share). */}
                    <span className="sw-event-no">{t('caseDetail.eventNo', { n: e.n })}</span>
                    {' · '}
                    <time dateTime={e.at} title={formatDateTime(e.at, lang)}>
                      {formatDateTime(e.at, lang)}
                    </time>
                    {e.taskId && (
                      <>
                        {' · '}
                        <Link to={taskHref(e.taskId)}>{t('caseDetail.openTask')}</Link>
                      </>
                    )}
                  </Typography.Text>
                  {line.note && <blockquote className="sw-step-comment">{line.note}</blockquote>}
                  <StepData data={completedData(e)} dict={dict} comment={line.note} />
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
