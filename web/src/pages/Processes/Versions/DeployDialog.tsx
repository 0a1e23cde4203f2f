import { Alert, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useProcessVersion } from '../../../api/useProcessVersion.query';
import { useProcessVersions } from '../../../api/useProcessVersions.query';
import { useI18n } from '../../../i18n/I18nProvider';
import { describeError } from '../../../lib/problems';
import DiagramDiffView from './DiagramDiffView';

/** MAX_CHANGE_NOTE_CHARS of contract/processes.ts (the console takes types only from there, not zod). */
const MAX_CHANGE_NOTE_CHARS = 2000;

/**
 * Deploy, second step (issue 18 §4): after a clean validation, the diagram being deployed against the
 * latest deployed version, where the running cases stay, and a change note that is required.
 */
export default function DeployDialog({
  processKey,
  xml,
  pending,
  changedForms = [],
  forms,
  onCancel,
  onConfirm,
}: {
  processKey: string | undefined;
  xml: string;
  pending: boolean;
  /** Forms edited in the 表单 drawer: deployed with the version, not drawn in the diagram diff. */
  changedForms?: string[];
  /** Every form sent with the deploy: compared with the deployed version's forms. */
  forms?: Readonly<Record<string, unknown>>;
  onCancel: () => void;
  onConfirm: (changeNote: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const versions = useProcessVersions(processKey);
  const latest = versions.data?.[0];
  const base = useProcessVersion(processKey ?? '', latest?.version ?? 0, Boolean(processKey && latest));
  const [submitted, setSubmitted] = useState(false);
  const running = (versions.data ?? []).filter((v) => (v.running ?? 0) > 0);
  const loading = Boolean(processKey) && (versions.isPending || (latest && base.isPending));
  const loadError = versions.error ?? base.error;

  return (
    <Modal
      open
      width={1100}
      title={t('deploy.title')}
      okText={t('deploy.confirm')}
      cancelText={t('deploy.cancel')}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() => {
        setSubmitted(true);
        void form.validateFields().then((v) => onConfirm(v.note.trim()), () => undefined);
      }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : loadError ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={describeError(loadError, t)} />
        ) : latest && base.data ? (
          <>
            <Typography.Text>{t('deploy.against', { version: latest.version })}</Typography.Text>
            <DiagramDiffView
              beforeXml={base.data.xml}
              afterXml={xml}
              beforeLabel={t('diff.deployed', { version: latest.version })}
              afterLabel={t('diff.draft')}
              beforeForms={base.data.forms}
              afterForms={forms ?? base.data.forms}
            />
            <Alert
              type="info"
              showIcon
              title={
                running.length
                  ? t('deploy.running', { list: running.map((v) => t('deploy.runningItem', { version: v.version, n: v.running ?? 0 })).join(t('deploy.listSeparator')) })
                  : t('deploy.noRunning')
              }
            />
          </>
        ) : (
          <Typography.Text>{t('deploy.firstVersion')}</Typography.Text>
        )}
        {changedForms.length > 0 && <Alert type="warning" showIcon title={t('deploy.formsChanged', { forms: changedForms.join('、') })} />}
        <Form form={form} layout="vertical" requiredMark validateTrigger={submitted ? 'onChange' : 'onSubmit'}>
          <Form.Item
            name="note"
            label={t('deploy.note')}
            rules={[{ required: true, whitespace: true, message: t('deploy.noteRequired') }, { max: MAX_CHANGE_NOTE_CHARS }]}
          >
            <Input.TextArea rows={3} maxLength={MAX_CHANGE_NOTE_CHARS} placeholder={t('deploy.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
