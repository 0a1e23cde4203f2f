import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSendCaseMessage } from '../../api/useSendCaseMessage.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import type { AwaitedMessage } from '../../lib/awaitedMessages';
import { ApiError } from '../../api/http';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';

/**
 * The case waits for something from outside (客户取货验收签字): staff who witnessed it record it
 * here, with who it came from and a note; the workflow receives it as a BPMN message.
 */
export function AwaitedMessages({ caseId, messages, registrable }: { caseId: string; messages: AwaitedMessage[]; registrable: readonly string[] | undefined }) {
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
            {/* The state answer names the messages this user may register (undefined: an older API, which decides on sending). */}
            {(registrable === undefined || registrable.includes(m.elementId)) && (
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

/** Declared variables the console fills in itself: when it was signed is when it is recorded. */
const AUTOMATIC: Record<string, () => string> = { signedAt: () => new Date().toISOString() };
/** Labels for the variable names the shipped diagrams declare; any other is shown by its name. */
const LABELS: Record<string, MessageKey> = { signedBy: 'messages.from', messageFrom: 'messages.from', messageNote: 'messages.note' };
const REQUIRED = new Set(['signedBy', 'messageFrom']);

/** One field per variable the catch event declares: the API refuses any other (400), so none is offered. */
function RecordMessageModal({ caseId, message, onClose }: { caseId: string; message: AwaitedMessage; onClose: () => void }) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const send = useSendCaseMessage();
  const typed = message.accepts.filter((name) => !AUTOMATIC[name]);
  const submit = async () => {
    const values = await form.validateFields();
    const variables: Record<string, unknown> = {};
    for (const name of message.accepts) {
      const value = AUTOMATIC[name]?.() ?? values[name]?.trim();
      if (value) variables[name] = value;
    }
    try {
      const result = await send.mutateAsync({ caseId, messageName: message.messageName, variables });
      if (result.consumed) toast.success(t('messages.sent'));
      else toast.warning(t('messages.notWaiting'));
      onClose();
    } catch (err) {
      toast.error(messageProblem(err, t));
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
        {typed.length === 0 && <Typography.Paragraph type="secondary">{t('messages.noData')}</Typography.Paragraph>}
        {typed.map((name, i) => {
          const label = LABELS[name];
          const long = name === 'messageNote';
          return (
            <Form.Item
              key={name}
              name={name}
              label={label ? t(label) : name}
              rules={REQUIRED.has(name) ? [{ required: true, whitespace: true, message: t('messages.fromRequired') }] : []}
            >
              {long ? <Input.TextArea rows={3} maxLength={1000} /> : <Input autoFocus={i === 0} maxLength={200} />}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}

/** The refusals of a message in the user's language (their `code`), else the problem's own words. */
function messageProblem(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  const code = err instanceof ApiError ? err.problem.code : undefined;
  if (code === 'message.notAllowed') return t('messages.notAllowed');
  if (code === 'message.notAwaited') return t('messages.notAwaited');
  if (code === 'message.tooLarge') return t('messages.tooLarge');
  return describeError(err, t);
}
