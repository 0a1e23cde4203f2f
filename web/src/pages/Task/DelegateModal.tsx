import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';

/** 转办: hand the task to another user (user id + optional reason). Mount only while open. */
export function DelegateModal({ onCancel, onSubmit }: { onCancel: () => void; onSubmit: (v: { userId: string; reason?: string }) => Promise<unknown> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ userId: string; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('delegate.title')} okText={t('delegate.submit')} okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="userId" label={t('delegate.userId')} rules={[{ required: true, whitespace: true, message: t('delegate.userIdRequired') }, { max: 100 }]} extra={t('delegate.userIdHint')}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label={t('delegate.reason')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
