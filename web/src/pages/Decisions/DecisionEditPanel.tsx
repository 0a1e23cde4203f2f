import { Alert, Button, Card, List, Space, Spin } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import type { DecisionDeployed, ModelProblem } from '../../../../contract';
import { useDeployDecision, useValidateDecision } from '../../api/useEditDecision.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, describeModelProblemLine, modelProblemsOf } from '../../lib/problems';
import type { DecisionEditorHandle } from './DecisionEditor';

const DecisionEditor = lazy(() => import('./DecisionEditor'));

type Check = { state: 'none' } | { state: 'ok'; warnings: ModelProblem[] } | { state: 'problems'; problems: ModelProblem[]; warnings: ModelProblem[] };

/** What the check found that does not stop a submission (a pattern refused on long texts), one line each. */
export function DecisionWarnings({ warnings }: { warnings: ModelProblem[] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('decisions.warnings', { count: warnings.length })}
      description={<List size="small" dataSource={warnings} renderItem={(p) => <List.Item>{describeModelProblemLine(p, t)}</List.Item>} />}
    />
  );
}

/**
 * 编辑 a decision file: dmn-js on the version shown, 校验 through the server's compiler, 提交 as a
 * new version. A reviewed file's new version is a proposal: the page says it waits for the 客服经理.
 */
export function DecisionEditPanel({ xml, version, onClose, onDeployed }: { xml: string; version: number; onClose: () => void; onDeployed: (d: DecisionDeployed) => void }) {
  const { t } = useI18n();
  const editor = useRef<DecisionEditorHandle>(null);
  const validate = useValidateDecision();
  const deploy = useDeployDecision();
  const [check, setCheck] = useState<Check>({ state: 'none' });
  const [openError, setOpenError] = useState<string>();

  const runValidate = async () => {
    const r = await validate.mutateAsync(await editor.current!.getXml());
    setCheck(r.ok ? { state: 'ok', warnings: r.warnings } : { state: 'problems', problems: r.problems, warnings: r.warnings });
  };
  const submit = async () => {
    try {
      onDeployed(await deploy.mutateAsync(await editor.current!.getXml()));
    } catch (err) {
      const problems = modelProblemsOf(err);
      // The refusal carries no warnings: those of the last 校验 stay in sight.
      if (problems.length) setCheck((last) => ({ state: 'problems', problems, warnings: last.state === 'none' ? [] : last.warnings }));
    }
  };

  return (
    <Card
      size="small"
      title={t('decisions.editTitle', { version })}
      extra={
        <Space>
          <Button onClick={() => void runValidate()} loading={validate.isPending} disabled={Boolean(openError)}>
            {t('decisions.validate')}
          </Button>
          <Button type="primary" onClick={() => void submit()} loading={deploy.isPending} disabled={Boolean(openError)}>
            {t('decisions.submit')}
          </Button>
          <Button onClick={onClose}>{t('decisions.cancelEdit')}</Button>
        </Space>
      }
    >
      {openError && <Alert type="error" showIcon title={t('decisions.editorFailed', { message: openError })} style={{ marginBottom: 12 }} />}
      {check.state === 'ok' && <Alert type="success" showIcon title={t('decisions.valid')} style={{ marginBottom: 12 }} />}
      {check.state === 'problems' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('decisions.problems', { count: check.problems.length })}
          description={<List size="small" dataSource={check.problems} renderItem={(p) => <List.Item>{describeModelProblemLine(p, t)}</List.Item>} />}
        />
      )}
      {check.state !== 'none' && <DecisionWarnings warnings={check.warnings} />}
      {(validate.error || (deploy.error && !modelProblemsOf(deploy.error).length)) && <Alert type="error" showIcon title={describeError(validate.error ?? deploy.error, t)} style={{ marginBottom: 12 }} />}
      <Suspense fallback={<Spin />}>
        <DecisionEditor ref={editor} initialXml={xml} onError={setOpenError} />
      </Suspense>
    </Card>
  );
}
