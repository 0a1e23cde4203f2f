import { ArrowLeftOutlined, CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FormOutlined, ImportOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Modal, Result, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../../api/hooks';
import { useProcessAssignees } from '../../../api/useProcessAssignees.query';
import type { FormJsSchema, ModelProblem } from '../../../../../contract';
import { useDeployProcess } from '../../../api/useDeployProcess.mutation';
import { useDiscardDraft, useProcessDraft } from '../../../api/useProcessDraft.query';
import { useProcessVersion } from '../../../api/useProcessVersion.query';
import { useProcessVersions } from '../../../api/useProcessVersions.query';
import { useValidateProcess } from '../../../api/useValidateProcess.mutation';
import { useI18n } from '../../../i18n/I18nProvider';
import { describeError, describeModelProblem, elementLabel, elementTypeLabel, modelElementLabel, modelProblemsOf, problemMessageKey } from '../../../lib/problems';
import { useLeaveGuard } from '../../../lib/leaveGuard';
import { canDeployProcesses } from '../../../lib/roles';
import BpmnEditor, { type BpmnEditorHandle } from './BpmnEditor';
import { formLabel, formsToSend } from './diagramForms';
import FormsDrawer from './FormsDrawer';
import { createLiveCheck } from './liveCheck';
import { LintList } from './LintList';
import type { LintFinding } from './lintRules';
import { newDiagramXml, newProcessId } from './newDiagram';
import { dropNewProcessDraft, readNewProcessDraft, saveNewProcessDraft, type NewProcessDraft } from './newProcessDraft';
import { formatChinaDateTime } from '../../../lib/time';
import DeployDialog from '../Versions/DeployDialog';
import { DraftChoice, DraftConflict, DraftPrompt, DraftStatus } from '../Versions/DraftNotices';
import { useServerDraft } from '../Versions/useServerDraft';
import { ownProcessName, processText } from '../../../lib/processNames';

// 试运行 (issue 18 §8): loaded when first opened.
const PlayDrawer = lazy(() => import('./PlayDrawer'));

/**
 * `/processes/new` and `/processes/:key/edit[?version=N]` (lazy chunk with bpmn-js Modeler): model, validate,
 * deploy, import a .bpmn file, download the XML. Process owners and admins only (the API checks too).
 */
export default function ProcessEditorPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useSession().data;
  const { key } = useParams();
  const [search] = useSearchParams();
  const versions = useProcessVersions(key);
  const version = Number(search.get('version')) || versions.data?.[0]?.version;
  const base = useProcessVersion(key ?? '', version ?? 0, Boolean(key && version));
  const back = () => navigate(key ? `/processes?key=${encodeURIComponent(key)}` : '/processes');
  // A draft on the server (issue 18 §4) is offered before the editor opens; unreadable, the editor starts from the version.
  const draft = useProcessDraft(canDeployProcesses(me) ? key : undefined);
  const [draftChoice, setDraftChoice] = useState<'continue' | 'fresh' | null>(null);
  // 新建流程: a draft kept in this browser (never deployed, so none on the server).
  const [localDraft] = useState(() => (!key && me ? readNewProcessDraft(localStorage, me.id) : null));

  if (!canDeployProcesses(me)) {
    return (
      <Card>
        <Result status="403" title={t('editor.forbidden')} subTitle={t('editor.forbiddenHint')} extra={<Button onClick={back}>{t('editor.back')}</Button>} />
      </Card>
    );
  }
  if (key && (versions.isPending || (version && base.isPending) || draft.isPending)) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  const loadError = versions.error ?? base.error;
  if (key && (loadError || !version || !base.data)) {
    return (
      <Card>
        <Result
          status="warning"
          title={t('editor.loadFailed')}
          subTitle={loadError ? describeError(loadError, t) : t('processes.noVersions')}
          extra={
            <Space>
              <Button onClick={back}>{t('editor.back')}</Button>
              {loadError && <Button onClick={() => void (versions.isError ? versions.refetch() : base.refetch())}>{t('common.retry')}</Button>}
            </Space>
          }
        />
      </Card>
    );
  }
  const kept = draftChoice === null || draftChoice === 'continue' ? draft.data : null;
  if (kept && draftChoice === null) return <DraftPrompt draft={kept} onContinue={() => setDraftChoice('continue')} onDiscarded={() => setDraftChoice('fresh')} onBack={back} />;
  if (localDraft && draftChoice === null) {
    return (
      <NewDraftPrompt
        draft={localDraft}
        onContinue={() => setDraftChoice('continue')}
        onDiscard={() => {
          if (me) dropNewProcessDraft(localStorage, me.id);
          setDraftChoice('fresh');
        }}
        onBack={back}
      />
    );
  }
  const local = !key && draftChoice === 'continue' ? localDraft : null;
  return (
    <Editor
      key={`${key ?? 'new'}@${version ?? 0}`}
      processKey={key}
      processName={base.data?.name}
      baseVersion={kept?.baseVersion ?? version}
      xml={kept?.xml ?? local?.xml ?? base.data?.xml}
      forms={(kept?.forms as Record<string, FormJsSchema> | undefined) ?? local?.forms ?? base.data?.forms}
      userId={me?.id}
      draftRevision={kept?.revision ?? 0}
      onBack={back}
    />
  );
}

interface EditorProps {
  processKey?: string;
  /** The name of the version edited, what the title says (the key is a technical id). */
  processName?: string;
  baseVersion?: number;
  /** Undefined for a new process. */
  xml?: string;
  forms?: Record<string, FormJsSchema>;
  /** The server draft's revision the editor starts from (0: none). */
  draftRevision: number;
  /** Whose browser-kept draft a process never deployed is saved as. */
  userId?: string | undefined;
  onBack: () => void;
}

type Check = { state: 'none' } | { state: 'ok'; stale: boolean } | { state: 'problems'; problems: ModelProblem[]; stale: boolean };

function Editor({ processKey, processName, baseVersion, xml, forms, draftRevision, userId, onBack }: EditorProps) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const editor = useRef<BpmnEditorHandle>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [initialXml] = useState(() => xml ?? newDiagramXml(newProcessId(), t('editor.newName')));
  const [dirty, setDirty] = useState(false);
  const dirtyRef = useRef(false);
  const [check, setCheck] = useState<Check>({ state: 'none' });
  // Warnings never stop a deployment, so they live beside the check rather than in it.
  const [warnings, setWarnings] = useState<ModelProblem[]>(EMPTY_PROBLEMS);
  const [importError, setImportError] = useState<string | null>(null);
  const [importDetail, setImportDetail] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const validate = useValidateProcess();
  // its own mutation: a check in the background must not disable the buttons
  const liveValidate = useValidateProcess();
  const deploy = useDeployProcess();
  // Forms created or edited in the 表单 drawer, sent over the base version's with validate and deploy.
  const [formEdits, setFormEdits] = useState<Record<string, FormJsSchema>>({});
  const [formsOpen, setFormsOpen] = useState(false);
  const allForms = useMemo(() => formsToSend(forms ?? {}, formEdits), [forms, formEdits]);
  // The forms changed here as the deploy dialog lists them: by the steps that show them, never by id.
  const changedFormNames = () => {
    const uses = editor.current?.formUses() ?? [];
    return Object.keys(formEdits).map((id) => formLabel(uses.filter((u) => u.formId === id), (u) => elementLabel({ ...u, elementName: u.name }, t), t));
  };
  const formIds = useMemo(() => Object.keys(allForms), [allForms]);
  const discardDraft = useDiscardDraft();
  const assignees = useProcessAssignees(true);
  const serverDraft = useServerDraft({ processKey, baseVersion, revision: draftRevision, forms: allForms, getXml: () => editor.current!.getXml() });
  // A process never deployed: kept in this browser a second after each change.
  const localSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const allFormsRef = useRef(allForms);
  allFormsRef.current = allForms;
  useEffect(() => () => clearTimeout(localSave.current), []);
  const scheduleLocalSave = () => {
    if (processKey || !userId) return;
    clearTimeout(localSave.current);
    localSave.current = setTimeout(() => {
      void editor.current
        ?.getXml()
        .then((x) => saveNewProcessDraft(localStorage, userId, { xml: x, forms: allFormsRef.current, savedAt: new Date().toISOString() }))
        .catch(() => undefined);
    }, 1000);
  };
  // The diagram a clean validation let through to the deploy dialog (its diff, its change note).
  const [deploying, setDeploying] = useState<{ xml: string; key?: string } | null>(null);
  // Bumped by every change, import and deploy: a live result for an older diagram is dropped.
  const revision = useRef(0);
  const liveCheckRun = useRef<() => Promise<void>>(async () => undefined);
  liveCheckRun.current = async () => {
    const at = revision.current;
    const r = await liveValidate.mutateAsync({ xml: await editor.current!.getXml(), forms: allForms });
    if (at !== revision.current) return;
    setCheck(r.problems.length ? { state: 'problems', problems: r.problems, stale: false } : { state: 'ok', stale: false });
    setWarnings(r.warnings);
  };
  const liveCheck = useRef<ReturnType<typeof createLiveCheck> | null>(null);
  // made in the effect, not at render: StrictMode's mount, unmount, mount would leave a stopped one
  useEffect(() => {
    const live = createLiveCheck(() => liveCheckRun.current(), LIVE_CHECK_DELAY_MS);
    liveCheck.current = live;
    return () => live.stop();
  }, []);

  const markDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  };

  // Leaving with unsaved changes: in-app navigation asks first; closing or reloading the tab gets the browser's prompt.
  const blocker = useLeaveGuard(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const problems = check.state === 'problems' ? check.problems : EMPTY_PROBLEMS;
  const [lint, setLint] = useState<LintFinding[]>([]);
  const problemIds = useMemo(() => [...problems.map((p) => p.elementId), ...lint.filter((f) => f.severity === 'error').map((f) => f.elementId)].filter(Boolean), [problems, lint]);

  const onChange = () => {
    markDirty(true);
    revision.current++;
    setCheck((c) => (c.state === 'none' || c.stale ? c : { ...c, stale: true }));
    liveCheck.current?.schedule();
    serverDraft.schedule();
    scheduleLocalSave();
  };

  const showProblems = (list: ModelProblem[]) => {
    setCheck(list.length ? { state: 'problems', problems: list, stale: false } : { state: 'ok', stale: false });
    const first = list.find((p) => p.elementId);
    if (first) editor.current?.focusElement(first.elementId);
  };

  const runValidate = async () => {
    setRequestError(null);
    try {
      const r = await validate.mutateAsync({ xml: await editor.current!.getXml(), forms: allForms });
      showProblems(r.problems);
      setWarnings(r.warnings);
      if (r.ok && r.warnings.length) void message.warning(t('editor.validWithWarnings', { n: r.warnings.length }));
      else if (r.ok) void message.success(t('editor.valid'));
      else void message.warning(t('editor.problemCount', { n: r.problems.length }));
    } catch (err) {
      setRequestError(describeError(err, t));
    }
  };

  // 试运行 plays what is on the canvas now, as the deploy would compile it (the API refuses it as deploy would).
  const [playing, setPlaying] = useState<{ xml: string; key: string } | null>(null);
  const openPlay = async () => {
    setRequestError(null);
    try {
      const xmlText = await editor.current!.getXml();
      const key = processKey ?? editor.current!.processId();
      if (key) setPlaying({ xml: xmlText, key });
    } catch (err) {
      setRequestError(describeError(err, t));
    }
  };

  // Deploy is validate → diff and change note (DeployDialog) → deploy (issue 18 §4).
  const openDeploy = async () => {
    setRequestError(null);
    try {
      const xmlText = await editor.current!.getXml();
      const r = await validate.mutateAsync({ xml: xmlText, forms: allForms });
      showProblems(r.problems);
      setWarnings(r.warnings);
      if (r.ok) setDeploying({ xml: xmlText, key: processKey ?? editor.current!.processId() ?? undefined });
      else void message.warning(t('editor.problemCount', { n: r.problems.length }));
    } catch (err) {
      setRequestError(describeError(err, t));
    }
  };

  const runDeploy = (xmlText: string, changeNote: string) => {
    setRequestError(null);
    deploy.mutate(
      { xml: xmlText, changeNote, forms: allForms },
      {
        onSuccess: (r) => {
          setDeploying(null);
          // The draft became the new version: dropped, so the next opening starts from that version.
          const draftRevision = serverDraft.revision();
          if (r.created) serverDraft.stop();
          if (r.created && !processKey && userId) {
            clearTimeout(localSave.current);
            dropNewProcessDraft(localStorage, userId);
          }
          if (r.created && processKey && draftRevision > 0) discardDraft.mutate({ key: processKey, revision: draftRevision });
          revision.current++;
          markDirty(false);
          setCheck({ state: 'ok', stale: false });
          setWarnings(r.warnings);
          if (r.created) {
            if (r.warnings.length) void message.warning(t('editor.deployedWithWarnings', { n: r.warnings.length }));
            void message.success(t('editor.deployed', { name: processText(r.process.key, r.process.name, t), version: r.process.version }));
            navigate(`/processes?key=${encodeURIComponent(r.process.key)}&version=${r.process.version}`);
          } else {
            void message.info(t('editor.unchanged', { name: processText(r.process.key, r.process.name, t), version: r.process.version }));
          }
        },
        onError: (err) => {
          setDeploying(null);
          // A diagram stopped at the compile limits is refused as a whole, not at an element.
          const list = problemMessageKey(err) ? [] : modelProblemsOf(err);
          if (list.length) {
            showProblems(list);
            void message.error(t('editor.deployRefused', { n: list.length }));
          } else setRequestError(describeError(err, t));
        },
      },
    );
  };

  const importFile = async (file: File) => {
    setImportError(null);
    try {
      await editor.current!.importXml(await file.text());
      revision.current++;
      markDirty(true);
      setCheck({ state: 'none' });
      setWarnings(EMPTY_PROBLEMS);
      liveCheck.current?.schedule();
      void message.success(t('editor.imported', { name: file.name }));
    } catch (err) {
      // bpmn-js's parser speaks English: say what happened, keep its words as the technical detail.
      setImportError(t('editor.importNotBpmn', { name: file.name }));
      setImportDetail(describeError(err, t));
    }
  };

  const download = async () => {
    try {
      const text = await editor.current!.getXml();
      const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${editor.current!.processId() ?? processKey ?? 'process'}.bpmn`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      void message.error(describeError(err, t));
    }
  };

  const busy = validate.isPending || deploy.isPending;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ paddingInline: 0 }}>
              {t('editor.back')}
            </Button>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {processKey ? t('editor.titleEdit', { name: processText(processKey, processName, t) }) : t('editor.titleNew')}
            </Typography.Title>
            {processKey && ownProcessName(processKey, processName) && <Typography.Text code>{processKey}</Typography.Text>}
            {baseVersion && <Tag>{t('editor.basedOn', { version: baseVersion })}</Tag>}
            {dirty && <Tag color="orange">{t('editor.unsaved')}</Tag>}
            <DraftStatus state={serverDraft.state} />
          </Space>
          <Space wrap>
            <input
              ref={fileInput}
              type="file"
              accept=".bpmn,.xml,application/xml,text/xml"
              className="sw-visually-hidden"
              tabIndex={-1}
              aria-hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
            <Button icon={<FormOutlined />} onClick={() => setFormsOpen(true)}>
              {t('formEditor.button')}
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => fileInput.current?.click()} disabled={busy}>
              {t('editor.import')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void download()}>
              {t('editor.download')}
            </Button>
            <Button icon={<CheckCircleOutlined />} onClick={() => void runValidate()} loading={validate.isPending} disabled={busy && !validate.isPending}>
              {t('editor.validate')}
            </Button>
            <Button icon={<PlayCircleOutlined />} onClick={() => void openPlay()} disabled={busy}>
              {t('play.button')}
            </Button>
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void openDeploy()} loading={deploy.isPending} disabled={busy && !deploy.isPending}>
              {t('editor.deploy')}
            </Button>
          </Space>
        </Flex>
        {importError && <Alert type="error" showIcon closable={{ onClose: () => setImportError(null) }} style={{ marginTop: 8 }} title={importError} description={importDetail && <details><summary>{t('editor.technicalDetail')}</summary><span lang="en">{importDetail}</span></details>} />}
        <DraftConflict state={serverDraft.state} />
        {requestError && <Alert type="error" showIcon closable={{ onClose: () => setRequestError(null) }} style={{ marginTop: 8 }} title={t('editor.requestFailed')} description={requestError} />}
      </Card>
      {fatal ? (
        <Alert type="error" showIcon title={t('diagram.renderFailed')} description={fatal} />
      ) : (
        <div className="sw-editor-layout">
          <BpmnEditor ref={editor} initialXml={initialXml} problemIds={problemIds} onChange={onChange} onError={setFatal} label={t('editor.canvasAria')} formIds={formIds} onLint={setLint} people={assignees.data} />
          <Card size="small" className="sw-editor-problems" title={t('editor.problems')} extra={check.state === 'problems' && <Tag color="red">{check.problems.length}</Tag>}>
            <ProblemList check={check} onSelect={(id) => editor.current?.focusElement(id) ?? false} />
            <LintList findings={lint} onSelect={(id) => editor.current?.focusElement(id) ?? false} />
            <WarningList warnings={warnings} onSelect={(id) => editor.current?.focusElement(id) ?? false} />
          </Card>
        </div>
      )}
      {playing && (
        <Suspense fallback={null}>
          <PlayDrawer processKey={playing.key} xml={playing.xml} forms={allForms} onClose={() => setPlaying(null)} />
        </Suspense>
      )}
      {deploying !== null && <DeployDialog processKey={deploying.key} xml={deploying.xml} pending={deploy.isPending} changedForms={changedFormNames()} forms={allForms} onCancel={() => setDeploying(null)} onConfirm={(note) => runDeploy(deploying.xml, note)} />}
      <FormsDrawer
        open={formsOpen}
        onClose={() => setFormsOpen(false)}
        processKey={processKey}
        forms={allForms}
        edited={new Set(Object.keys(formEdits))}
        uses={() => editor.current?.formUses() ?? []}
        onFormChange={(formId, schema) => {
          setFormEdits((edits) => ({ ...edits, [formId]: schema }));
          onChange();
        }}
      />
      <Modal
        open={blocker.state === 'blocked'}
        title={t('editor.leaveTitle')}
        okText={t('editor.leave')}
        okButtonProps={{ danger: true }}
        cancelText={t('editor.stay')}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('editor.leaveBody')}
      </Modal>
    </Space>
  );
}

function ProblemList({ check, onSelect }: { check: Check; onSelect: (elementId: string) => boolean }) {
  const { t } = useI18n();
  if (check.state === 'none') return <Typography.Paragraph type="secondary">{t('editor.notChecked')}</Typography.Paragraph>;
  const stale = check.stale && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('editor.stale')} />;
  if (check.state === 'ok') {
    return (
      <>
        {stale}
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('editor.noProblems')} />
      </>
    );
  }
  return (
    <>
      {stale}
      <ol aria-label={t('editor.problems')}>
        {check.problems.map((p, i) => (
          <li key={`${p.elementId}-${i}`}>
            <Tooltip title={p.elementId ? t('editor.showElement') : undefined} placement="left">
              <button type="button" className="sw-problem-item" aria-disabled={!p.elementId} onClick={() => p.elementId && onSelect(p.elementId)}>
                <div>{describeModelProblem(p, t)}</div>
                {p.elementId ? (
                  <Typography.Text type="secondary">
                    {p.elementName ? `${modelElementLabel(p, t)} · ${elementTypeLabel(p.elementType, t)}` : modelElementLabel(p, t)}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('editor.wholeDiagram')}</Typography.Text>
                )}
              </button>
            </Tooltip>
          </li>
        ))}
      </ol>
    </>
  );
}

function WarningList({ warnings, onSelect }: { warnings: ModelProblem[]; onSelect: (elementId: string) => boolean }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <section className="sw-editor-warnings">
      <Typography.Title level={5}>
        {t('editor.warnings')} <Tag color="orange">{warnings.length}</Tag>
      </Typography.Title>
      <ol aria-label={t('editor.warnings')}>
        {warnings.map((w, i) => (
          <li key={`${w.elementId}-${i}`}>
            {w.elementId ? (
              <Tooltip title={t('editor.showElement')} placement="left">
                <button type="button" className="sw-problem-item" onClick={() => onSelect(w.elementId)}>
                  <div>{describeModelProblem(w, t)}</div>
                  <Typography.Text type="secondary">{modelElementLabel(w, t)}</Typography.Text>
                </button>
              </Tooltip>
            ) : (
              // About the whole file (a process without a name): nothing on the diagram to show.
              <div className="sw-problem-item">{describeModelProblem(w, t)}</div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const EMPTY_PROBLEMS: ModelProblem[] = [];
/** Quiet time after the last change before the diagram is checked (typing a name is one change per key). */
const LIVE_CHECK_DELAY_MS = 1200;

/** 新建流程 with a draft kept in this browser: continue it or start afresh. */
function NewDraftPrompt({ draft, onContinue, onDiscard, onBack }: { draft: NewProcessDraft; onContinue: () => void; onDiscard: () => void; onBack: () => void }) {
  const { t, lang } = useI18n();
  return <DraftChoice title={t('drafts.newFoundTitle')} subTitle={t('drafts.newFoundBody', { at: formatChinaDateTime(draft.savedAt, lang) })} onDiscard={onDiscard} onContinue={onContinue} onBack={onBack} />;
}
