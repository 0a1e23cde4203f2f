import { Alert, Button, Card, Drawer, Empty, Flex, Input, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api/http';
import type { FormJsSchema, PlayState } from '../../../../../contract';
import { useCompletePlayTask, useEndPlay, useFirePlayTimer, usePlayState, useSendPlayMessage, useStartPlay } from '../../../api/usePlay.mutation';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { isMessageKey } from '../../../i18n/catalog';
import { describeError, elementLabel } from '../../../lib/problems';
import { IncidentReason } from '../../../components/IncidentReason';
import { TaskForm, type TaskFormHandle } from '../../Task/TaskForm';
import { diagramElements, messageNameOf } from './playMessages';
import { outcomeLabel } from '../../../components/outcomes';

const DiagramViewer = lazy(() => import('../../Task/DiagramViewer'));

interface Props {
  processKey: string;
  /** The diagram and forms on the canvas when 试运行 was pressed: what is played. */
  xml: string;
  forms: Record<string, FormJsSchema>;
  onClose: () => void;
}

/**
 * 试运行 (issue 18 §8): the draft played in the sandbox. Sample variables, then the diagram with
 * its tokens, each waiting step completed as a role the owner picks, timers fired, messages sent.
 * Nothing the run does reaches an inbox, a case list or anyone's notifications (the API's sandbox).
 */
export default function PlayDrawer({ processKey, xml, forms, onClose }: Props) {
  const { t } = useI18n();
  const [sample, setSample] = useState('{\n  \n}');
  const [sampleError, setSampleError] = useState<string | null>(null);
  // A reload or a trip to another page does not lose the run: it goes on in the sandbox (ending
  // itself after a day), so the drawer opens on it again; only 结束 or closing the drawer ends it.
  const remembered = `shouwen.play.${processKey}`;
  const [runId, setRunIdState] = useState<string | null>(() => sessionStorage.getItem(remembered));
  const setRunId = (id: string | null) => {
    if (id) sessionStorage.setItem(remembered, id);
    else sessionStorage.removeItem(remembered);
    setRunIdState(id);
  };
  const start = useStartPlay(processKey);
  const state = usePlayState(processKey, runId);
  const end = useEndPlay(processKey);
  const gone = state.error instanceof ApiError && state.error.status === 404;
  useEffect(() => {
    // A remembered run that has since ended itself (or belongs to another session): start afresh.
    if (gone) setRunId(null);
  }, [gone]);

  const begin = () => {
    let variables: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(sample.trim() || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      variables = parsed as Record<string, unknown>;
    } catch {
      setSampleError(t('play.sampleInvalid'));
      return;
    }
    setSampleError(null);
    start.mutate({ xml, forms, variables }, { onSuccess: (s) => setRunId(s.runId) });
  };
  const close = () => {
    if (runId && state.data?.status === 'running') end.mutate(runId);
    sessionStorage.removeItem(remembered);
    onClose();
  };

  return (
    <Drawer open title={t('play.title')} size="large" onClose={close} destroyOnHidden extra={runId && state.data?.status === 'running' && <Button danger onClick={close}>{t('play.end')}</Button>}>
      <Alert type="info" showIcon title={t('play.sandboxNote')} style={{ marginBottom: 12 }} />
      {!runId ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('play.sample')}</Typography.Text>
          <Input.TextArea aria-label={t('play.sample')} value={sample} onChange={(e) => setSample(e.target.value)} autoSize={{ minRows: 4, maxRows: 12 }} style={{ fontFamily: 'monospace' }} />
          {sampleError && <Alert type="error" showIcon title={sampleError} />}
          {start.error && <Alert type="error" showIcon title={t('play.startFailed')} description={describeError(start.error, t)} />}
          <Button type="primary" onClick={begin} loading={start.isPending}>
            {t('play.start')}
          </Button>
        </Space>
      ) : state.data ? (
        <PlayRun processKey={processKey} xml={xml} forms={forms} state={state.data} />
      ) : state.error ? (
        <Alert type="error" showIcon title={describeError(state.error, t)} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function PlayRun({ processKey, xml, forms, state }: { processKey: string; xml: string; forms: Record<string, FormJsSchema>; state: PlayState }) {
  const { t } = useI18n();
  const [renderError, setRenderError] = useState<string | null>(null);
  const fire = useFirePlayTimer(processKey, state.runId);
  const send = useSendPlayMessage(processKey, state.runId);
  const failed = fire.error ?? send.error;
  const at = useMemo(() => diagramElements(xml), [xml]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        <Typography.Text>{t('play.status')}</Typography.Text>
        <Tag color={state.status === 'running' ? 'processing' : state.status === 'completed' ? 'success' : 'error'}>{t(`play.status.${state.status}` as MessageKey)}</Tag>
      </Flex>
      {renderError ? (
        <Alert type="error" showIcon title={renderError} />
      ) : (
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
          <DiagramViewer xml={xml} activeElements={state.activeElements} completedCounts={state.completedCounts} label={t('play.diagram')} onError={setRenderError} />
        </Suspense>
      )}
      {state.incidents.map((i) => (
        <Alert key={i.id} type="error" showIcon title={t('play.incident', { element: elementLabel(at(i.elementId), t) })} description={<IncidentReason incident={{ ...at(i.elementId), message: i.message }} showDetail />} />
      ))}
      {failed && <Alert type="error" showIcon title={describeError(failed, t)} />}
      {state.openTasks.map((task) => (
        <PlayTask key={task.taskId} processKey={processKey} runId={state.runId} task={task} form={task.formId ? forms[task.formId] : undefined} variables={state.variables} />
      ))}
      {state.waitingTimers.map((elementId) => (
        <Card key={elementId} size="small" title={t('play.timerWaiting', { element: elementLabel(at(elementId), t) })}>
          <Button onClick={() => fire.mutate(elementId)} loading={fire.isPending}>
            {t('play.fireTimer')}
          </Button>
        </Card>
      ))}
      {state.awaitingMessages.map((elementId) => (
        <PlayMessage key={elementId} elementId={elementId} elementName={elementLabel(at(elementId), t)} messageName={messageNameOf(xml, elementId)} pending={send.isPending} onSend={(messageName, variables) => send.mutate({ messageName, variables })} />
      ))}
      {state.status === 'running' && !state.openTasks.length && !state.waitingTimers.length && !state.awaitingMessages.length && !state.incidents.length && <Typography.Text type="secondary">{t('play.moving')}</Typography.Text>}
      {state.status !== 'running' && <Empty description={t('play.ended')} />}
    </Space>
  );
}

function PlayTask({ processKey, runId, task, form, variables }: { processKey: string; runId: string; task: PlayState['openTasks'][number]; form: FormJsSchema | undefined; variables: Record<string, unknown> }) {
  const { t } = useI18n();
  const complete = useCompletePlayTask(processKey, runId);
  const formRef = useRef<TaskFormHandle>(null);
  const roles = task.candidateGroups.length ? task.candidateGroups : ['anyone'];
  const [role, setRole] = useState(roles[0]!);
  const roleLabel = (r: string) => {
    const key = `role.${r}`;
    return isMessageKey(key) ? t(key) : r === 'anyone' ? t('play.anyone') : r;
  };
  const done = (outcome: string) => {
    const submitted = form ? formRef.current?.submit() : { data: {}, errorCount: 0 };
    if (!submitted || submitted.errorCount > 0) return;
    complete.mutate({ taskId: task.taskId, outcome, asRole: role, ...(form && { data: submitted.data }) });
  };
  return (
    <Card size="small" title={t('play.task', { name: task.name })}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('play.asRole')}</Typography.Text>
          <Select aria-label={t('play.asRole')} value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} style={{ minWidth: 160 }} />
        </Flex>
        {form && <TaskForm ref={formRef} schema={form} variables={variables} readOnly={false} />}
        {complete.error && <Alert type="error" showIcon title={describeError(complete.error, t)} />}
        <Space wrap>
          {task.outcomes.map((o) => (
            <Button key={o} type="primary" onClick={() => done(o)} loading={complete.isPending}>
              {t('play.completeAs', { outcome: o === 'complete' ? t('play.done') : outcomeLabel(t, o), role: roleLabel(role) })}
            </Button>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

function PlayMessage({ elementId, elementName, messageName, pending, onSend }: { elementId: string; elementName: string; messageName: string | null; pending: boolean; onSend: (name: string, variables: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const [vars, setVars] = useState('{}');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    try {
      const parsed: unknown = JSON.parse(vars.trim() || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      setError(null);
      onSend(messageName ?? elementId, parsed as Record<string, unknown>);
    } catch {
      setError(t('play.sampleInvalid'));
    }
  };
  return (
    <Card size="small" title={t('play.messageWaiting', { element: elementName, name: messageName ?? elementName })}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea aria-label={t('play.messageVariables')} value={vars} onChange={(e) => setVars(e.target.value)} autoSize={{ minRows: 1, maxRows: 6 }} style={{ fontFamily: 'monospace' }} />
        {error && <Alert type="error" showIcon title={error} />}
        <Button onClick={send} loading={pending}>
          {t('play.sendMessage')}
        </Button>
      </Space>
    </Card>
  );
}
