import { ReloadOutlined } from '@ant-design/icons';
import { personLabel } from '../../lib/person';
import { Alert, App as AntApp, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../../api/hooks';
import { ApiError } from '../../api/http';
import type { TaskDetail } from '../../../../contract';
import { opinionField, withoutOpinionField } from '../../../../bpmn/form-data';
import { useClaimTask } from '../../api/useClaimTask.mutation';
import { useCompleteTask } from '../../api/useCompleteTask.mutation';
import { useDelegateTask } from '../../api/useDelegateTask.mutation';
import { taskQueryOptions, useTask } from '../../api/useTask.query';
import { useUnclaimTask } from '../../api/useUnclaimTask.mutation';
import { useProcessVersion } from '../../api/useProcessVersion.query';
import { outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, problemHeadline, problemLine, splitProblems } from '../../lib/problems';
import { useIsPhone } from '../../lib/useIsPhone';
import { ShortcutHelp } from '../Inbox/ShortcutHelp';
import { CaseContext } from './CaseContext';
import { DecisionSummary, hasDecisionSummary } from './DecisionSummary';
import { DecisionChangeDiff } from '../Decisions/DecisionChangeDiff';
import { decisionUnderReview } from '../Decisions/decisionDiff';
import { DelegateModal } from './DelegateModal';
import { DiagramPanel } from './DiagramPanel';
import { OutcomeBar } from './OutcomeBar';
import { TaskHeaders } from './TaskHeaders';
import { TaskForm, type TaskFormHandle } from './TaskForm';
import { TaskHeader } from './TaskHeader';
import { linkStateOf, taskHref } from './taskLinks';
import { useTaskDecisionKeys, useTaskNavKeys } from './useTaskKeyboard';
import { useTaskNavigation, type TaskNavigation } from './useTaskNavigation';
import './task.css';

/** `/tasks/:id` — loads the task; the workspace below is keyed by task id so each task starts clean. */
export function TaskPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { from } = linkStateOf(useLocation().state);
  const detail = useTask(id);
  const nav = useTaskNavigation(id, from);
  const [helpOpen, setHelpOpen] = useState(false);

  const actions: TaskPageActions = {
    back: (focusTaskId = id) => navigate(`/tasks${from}`, { state: { focusTaskId } }),
    go: (taskId) => navigate(taskHref(taskId), { state: { from } }),
    help: () => setHelpOpen(true),
  };
  useTaskNavKeys(id, { back: () => actions.back(), next: () => nav.next && actions.go(nav.next), prev: () => nav.prev && actions.go(nav.prev), help: actions.help }, !helpOpen);

  // The neighbours load in the background, so Alt+↓ and "next task after completing" open at once.
  useEffect(() => {
    for (const other of [nav.next, nav.prev]) if (other) void qc.prefetchQuery({ ...taskQueryOptions(other), staleTime: 10_000 });
  }, [nav.next, nav.prev, qc]);

  let body;
  if (detail.isPending) {
    body = (
      <Card aria-busy>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  } else if (detail.isError) {
    const status = detail.error instanceof ApiError ? detail.error.status : 0;
    const back = (
      <Button type="primary" onClick={() => actions.back(null)} autoFocus>
        {t('task.back')}
      </Button>
    );
    body =
      status === 404 || status === 403 ? (
        <Result status={status === 404 ? '404' : '403'} title={status === 404 ? t('task.notFound') : t('task.forbidden')} subTitle={describeError(detail.error, t)} extra={back} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(detail.error, t)}
          action={
            <Space orientation="vertical">
              <Button icon={<ReloadOutlined />} onClick={() => void detail.refetch()}>
                {t('common.retry')}
              </Button>
              {back}
            </Space>
          }
        />
      );
  } else {
    body = <TaskWorkspace key={id} detail={detail.data} nav={nav} actions={actions} />;
  }
  return (
    <>
      {body}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}

interface TaskPageActions {
  back: (focusTaskId?: string | null) => void;
  go: (taskId: string) => void;
  help: () => void;
}

interface ShownProblem {
  status: number;
  title: string;
  detail?: string;
  /** The field problems no form field shows, one line each (problemLine). */
  errors: string[];
}

function TaskWorkspace({ detail, nav, actions }: { detail: TaskDetail; nav: TaskNavigation; actions: TaskPageActions }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const me = useSession().data ?? undefined;
  const { task, form, can } = detail;
  const version = useProcessVersion(detail.case.processKey, detail.case.processVersion);
  const phone = useIsPhone();

  const complete = useCompleteTask();
  const claim = useClaimTask();
  const unclaim = useUnclaimTask();
  const delegate = useDelegateTask();

  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<TaskFormHandle>(null);
  const commentRef = useRef<TextAreaRef>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [armed, setArmed] = useState<string | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  // Refused submissions in a row: a repeat that fails the same way must still visibly answer (count, re-announced alert).
  const [failures, setFailures] = useState(0);
  const [delegating, setDelegating] = useState(false);

  const open = task.status === 'open';
  const canDecide = open && can.complete;
  // A form may mark its field for the decision's opinion (审核意见 …): the 意见 box below is that field while the step
  // is open, so the approver writes the opinion once (bpmn/form-data.ts OPINION_PROPERTY); the API fills the field from
  // the comment (task-service withStepOpinion), and a completed step shows it.
  const opinion = opinionField(form);
  const shownForm = useMemo(() => (form && open ? withoutOpinionField(form) : form), [form, open]);

  // Arriving on a task (from the inbox or the previous task) puts focus on its name.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false });
  }, []);
  // A problem no form field or the comment box can show gets the focus itself (it is also announced: role=alert).
  const focusProblem = useRef(false);
  useEffect(() => {
    if (problem && focusProblem.current) problemRef.current?.focus();
    focusProblem.current = false;
  }, [problem]);

  const moveOn = (successor: string | null) => (successor ? actions.go(successor) : actions.back(null));

  const focusComment = () => {
    commentRef.current?.focus({ cursor: 'end' });
  };

  const decide = (outcome: string) => {
    if (!canDecide || complete.isPending) return;
    setProblem(null);
    const text = comment.trim();
    if (outcome === 'reject' && !text) {
      setArmed('reject');
      setCommentError(t('task.rejectNeedsComment'));
      focusComment();
      return;
    }
    if (opinion?.validate?.required && !text) {
      setCommentError(t('task.opinionNeeded', { label: opinion.label ?? t('task.comment') }));
      focusComment();
      return;
    }
    setCommentError(null);
    let data: Record<string, unknown> | undefined;
    if (form) {
      const result = formRef.current?.submit();
      if (!result) {
        void message.info(t('task.formLoading'));
        return;
      }
      if (result.errorCount > 0) {
        void message.warning(t('task.formInvalid', { n: result.errorCount }));
        formRef.current?.focusFirstError();
        return;
      }
      data = result.data;
    }
    const successor = nav.successor;
    complete.mutate(
      { taskId: task.id, outcome, comment: text || undefined, data },
      {
        onSuccess: () => {
          setFailures(0);
          void message.success(t('task.done', { outcome: outcomeLabel(t, outcome), name: task.name }));
          moveOn(successor);
        },
        onError: (err) => showProblem(err),
      },
    );
  };

  const problemTitle = (status: number) =>
    status === 409 ? t('task.conflict') : status === 403 ? t('task.forbiddenAction') : status === 400 || status === 422 ? t('task.invalid') : t('task.requestFailed');

  const showProblem = (err: unknown) => {
    setFailures((n) => n + 1);
    if (!(err instanceof ApiError)) {
      focusProblem.current = true;
      setProblem({ status: 0, title: t('task.requestFailed'), detail: describeError(err, t), errors: [] });
      return;
    }
    const split = splitProblems(err.problem.errors, t);
    // The opinion field is the 意见 box while the step is open: what the server says of it is said there.
    if (opinion?.key && split.data[opinion.key]) {
      split.comment.push(...split.data[opinion.key]!);
      delete split.data[opinion.key];
    }
    const unmapped = Object.keys(split.data).length ? (formRef.current?.showErrors(split.data) ?? Object.keys(split.data)) : [];
    if (split.comment.length) setCommentError(split.comment.join('; '));
    const unmappedPaths = new Set(unmapped.map((path) => `body.data.${path}`));
    const rest = [...split.other, ...(err.problem.errors ?? []).filter((e) => unmappedPaths.has(e.path))].map((e) => problemLine(e, t));
    setProblem({ status: err.status, title: problemTitle(err.status), detail: problemHeadline(err, t), errors: rest });
    if (split.comment.length) focusComment();
    else if (Object.keys(split.data).length > unmapped.length) formRef.current?.focusFirstError();
    else focusProblem.current = true;
  };

  const assignAction = (kind: 'claim' | 'unclaim') => {
    const m = kind === 'claim' ? claim : unclaim;
    m.mutate(task.id, {
      onSuccess: () => void message.success(kind === 'claim' ? t('task.claimed') : t('task.unclaimed')),
      onError: (err) => void message.error(describeError(err, t)),
    });
  };

  useTaskDecisionKeys(
    task.id,
    {
      approve: () => {
        if (task.outcomes.includes('approve')) decide('approve');
      },
      reject: () => {
        if (!task.outcomes.includes('reject') || !canDecide) return;
        setArmed('reject');
        focusComment();
      },
    },
    !delegating,
  );

  // An open task's own variables (its input mappings) are what its form sees over the case's.
  const variables = stepDataFor(detail) ?? { ...detail.case.variables, ...detail.taskVariables };
  const approval = hasDecisionSummary(task.outcomes, version.data, task.elementId);
  const reviewedDecision = decisionUnderReview(detail.case.processKey, variables);
  const notDecidableReason = !open
    ? t('task.notOpen', { status: t(`task.status.${task.status}`), who: task.completedBy ? personLabel(task.completedBy, task.completedByName, t('audit.system')) : '—' })
    : !can.complete
      ? can.claim
        ? t('task.claimFirst')
        : task.assigneeId && task.assigneeId !== me?.id
          ? t('task.assignedToOther', { who: personLabel(task.assigneeId, task.assigneeName, t('audit.system')) })
          : t('task.cannotComplete')
      : null;

  return (
    <Space orientation="vertical" size={phone ? 12 : 16} style={{ width: '100%' }} className={phone ? 'sw-task-page sw-task-page-phone' : 'sw-task-page'}>
      <TaskHeader
        detail={detail}
        meId={me?.id}
        headingRef={headingRef}
        nav={nav}
        onBack={() => actions.back()}
        onGo={actions.go}
        onClaim={() => assignAction('claim')}
        onUnclaim={() => assignAction('unclaim')}
        onDelegate={() => setDelegating(true)}
        busy={claim.isPending ? 'claim' : unclaim.isPending ? 'unclaim' : null}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <TaskHeaders headers={detail.headers} />
            <Card size="small" title={form ? t('task.form') : t('task.decision')}>
              {notDecidableReason && (
                <Alert
                  type={open ? 'warning' : 'info'}
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={notDecidableReason}
                  action={
                    open && can.claim ? (
                      <Button size="small" type="primary" onClick={() => assignAction('claim')} loading={claim.isPending}>
                        {t('task.claim')}
                      </Button>
                    ) : undefined
                  }
                />
              )}
              {approval && <DecisionSummary detail={detail} version={version.data} pending={version.isPending} variables={variables} />}
              {reviewedDecision && <DecisionChangeDiff fileKey={reviewedDecision.key} version={reviewedDecision.version} />}
              {form ? (
                <TaskForm ref={formRef} schema={shownForm!} variables={variables} readOnly={!canDecide} />
              ) : (
                <Typography.Paragraph type="secondary">{approval ? t('task.noFormDecision') : t('task.noForm')}</Typography.Paragraph>
              )}
              {problem && (
                <div ref={problemRef} tabIndex={-1} className="sw-problem" key={failures}>
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title={failures > 1 ? `${problem.title} · ${t('task.failedAgain', { n: failures })}` : problem.title}
                    description={
                      <>
                        {problem.detail && <div>{problem.detail}</div>}
                        {problem.errors.length > 0 && (
                          <ul className="sw-problem-list">
                            {problem.errors.map((line, i) => (
                              <li key={i}>{line}</li>
                            ))}
                          </ul>
                        )}
                      </>
                    }
                    action={
                      problem.status === 409 ? (
                        <Space orientation="vertical">
                          {nav.successor && (
                            <Button size="small" type="primary" onClick={() => moveOn(nav.successor)}>
                              {t('task.nextTask')}
                            </Button>
                          )}
                          <Button size="small" onClick={() => actions.back(null)}>
                            {t('task.back')}
                          </Button>
                        </Space>
                      ) : undefined
                    }
                  />
                </div>
              )}
              {/* Only for whoever may decide now (the server's `can`): nobody is shown buttons the API would refuse. */}
              {canDecide && task.outcomes.length > 0 && (
                <OutcomeBar
                  outcomes={task.outcomes}
                  disabled={false}
                  sending={complete.isPending ? (complete.variables?.outcome ?? null) : null}
                  armed={armed}
                  onDecide={decide}
                  comment={comment}
                  onCommentChange={(v) => {
                    setComment(v);
                    if (commentError && v.trim()) setCommentError(null);
                  }}
                  commentError={commentError}
                  commentRequired={Boolean(opinion?.validate?.required)}
                  commentRef={commentRef}
                  onCommentEscape={() => {
                    setArmed(null);
                    setCommentError(null);
                    headingRef.current?.focus();
                  }}
                />
              )}
              {!open && task.comment && (
                <Alert type="info" title={t('task.decisionComment')} description={task.comment} style={{ marginTop: 12 }} />
              )}
            </Card>
            <DiagramPanel detail={detail} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <CaseContext detail={detail} version={version.data} />
        </Col>
      </Row>
      {delegating && (
        <DelegateModal
          taskId={task.id}
          canOverride={Boolean(me?.capabilities.overrideDelegation)}
          onCancel={() => setDelegating(false)}
          onSubmit={({ displayName, ...v }) =>
            delegate.mutateAsync({ taskId: task.id, ...v }).then(() => {
              setDelegating(false);
              void message.success(t('task.delegated', { who: displayName }));
              moveOn(nav.successor);
            })
          }
        />
      )}
      <span className="sw-visually-hidden" aria-live="polite">
        {armed ? t('task.armedHint', { outcome: outcomeLabel(t, armed) }) : ''}
      </span>
    </Space>
  );
}

/** A completed task shows the data it was completed with (over the case variables). */
function stepDataFor(detail: TaskDetail): Record<string, unknown> | null {
  if (detail.task.status === 'open') return null;
  const step = detail.steps.find((s) => s.taskId === detail.task.id);
  return step?.data ? { ...detail.case.variables, ...step.data } : null;
}

