import { Alert, Button, Card, List, Space, Spin } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import type { DecisionDeployed, ModelProblem } from '../../../../contract';
import { useDeployDecision, useValidateDecision } from '../../api/useEditDecision.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, describeModelProblemLine, modelProblemsOf } from '../../lib/problems';
import type { DecisionEditorHandle } from './DecisionEditor';

const DecisionEditor = lazy(() => import('./DecisionEditor'));

type Check = { state: 'none' } | { state: 'ok' } | { state: 'problems'; problems: ModelProblem[] };

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
    setCheck(r.ok ? { state: 'ok' } : { state: 'problems', problems: r.problems });
  };
  const submit = async () => {
    try {
      onDeployed(await deploy.mutateAsync(await editor.current!.getXml()));
    } catch (err) {
      const problems = modelProblemsOf(err);
      if (problems.length) setCheck({ state: 'problems', problems });
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
      {(validate.error || (deploy.error && !modelProblemsOf(deploy.error).length)) && <Alert type="error" showIcon title={describeError(validate.error ?? deploy.error, t)} style={{ marginBottom: 12 }} />}
      <Suspense fallback={<Spin />}>
        <DecisionEditor ref={editor} initialXml={xml} onError={setOpenError} />
      </Suspense>
    </Card>
  );
}
