import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSendCaseMessage } from '../../api/useSendCaseMessage.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import type { AwaitedMessage } from '../../lib/awaitedMessages';
import { describeError } from '../../lib/problems';

/**
 * The case waits for something from outside (客户取货验收签字): staff who witnessed it record it
 * here, with who it came from and a note; the workflow receives it as a BPMN message.
 */
export function AwaitedMessages({ caseId, messages, readOnly }: { caseId: string; messages: AwaitedMessage[]; readOnly: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<AwaitedMessage | null>(null);
  if (!messages.length) return null;
  return (
    <Card size="small" title={t('messages.title')} data-testid="awaited-messages">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {messages.map((m) => (
          <Space key={m.elementId} wrap>
            <Typography.Text>{m.name ?? m.messageName}</Typography.Text>
            <Typography.Text type="secondary" code>
              {m.messageName}
            </Typography.Text>
            {!readOnly && (
              <Button size="small" type="primary" icon={<MessageOutlined />} onClick={() => setOpen(m)}>
                {t('messages.record')}
              </Button>
            )}
          </Space>
        ))}
      </Space>
      {open && <RecordMessageModal caseId={caseId} message={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function RecordMessageModal({ caseId, message, onClose }: { caseId: string; message: AwaitedMessage; onClose: () => void }) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [form] = Form.useForm<{ from: string; note?: string }>();
  const send = useSendCaseMessage();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const result = await send.mutateAsync({
        caseId,
        messageName: message.messageName,
        // signedBy / signedAt are what the repair diagram documents for customer-signed; the generic pair travels too.
        variables: { messageFrom: values.from, signedBy: values.from, signedAt: new Date().toISOString(), messageNote: values.note ?? null },
      });
      if (result.consumed) toast.success(t('messages.sent'));
      else toast.warning(t('messages.notWaiting'));
      onClose();
    } catch (err) {
      toast.error(describeError(err, t));
    }
  };
  return (
    <Modal
      open
      title={t('messages.modalTitle', { name: message.name ?? message.messageName })}
      okText={t('messages.send')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="from" label={t('messages.from')} rules={[{ required: true, whitespace: true, message: t('messages.fromRequired') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('messages.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
