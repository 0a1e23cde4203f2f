import { Alert, App as AntApp, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { OpenIncident } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useResolveIncident } from '../../api/useResolveIncident.mutation';
import { IncidentReason } from '../../components/IncidentReason';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, elementLabel } from '../../lib/problems';
import { parseCorrections } from '../../lib/incidents';
import { canResolveIncidents } from '../../lib/roles';

/**
 * A case stopped by an incident: where (the step by name, else its kind), since when and why in
 * words, and — for process owners — the engine's own line under 技术详情, retry (optionally
 * correcting variables) or cancel with a reason. Everyone else is told who can help.
 */
export function IncidentPanel({ caseId, incidents }: { caseId: string; incidents: OpenIncident[] }) {
  const { t } = useI18n();
  const me = useSession().data;
  const [acting, setActing] = useState<{ incident: OpenIncident; action: 'retry' | 'cancel' } | null>(null);
  if (!incidents.length) return null;
  const mayResolve = canResolveIncidents(me);
  return (
    <>
      {incidents.map((i) => (
        <Alert
          key={i.id}
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('incident.title', { element: elementLabel(i, t) })}
          description={
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text>
                {t('incident.explain')} <RelativeTime iso={i.raisedAt} />
              </Typography.Text>
              <IncidentReason incident={i} showDetail={mayResolve} />
              {!mayResolve && <Typography.Text type="secondary">{t('incident.askOwner')}</Typography.Text>}
            </Space>
          }
          action={
            mayResolve ? (
              <Space orientation="vertical">
                <Button size="small" type="primary" onClick={() => setActing({ incident: i, action: 'retry' })}>
                  {t('incident.retry')}
                </Button>
                <Button size="small" danger onClick={() => setActing({ incident: i, action: 'cancel' })}>
                  {t('incident.cancelCase')}
                </Button>
              </Space>
            ) : undefined
          }
        />
      ))}
      {acting && <ResolveModal caseId={caseId} incident={acting.incident} action={acting.action} onClose={() => setActing(null)} />}
    </>
  );
}

function ResolveModal({ caseId, incident, action, onClose }: { caseId: string; incident: OpenIncident; action: 'retry' | 'cancel'; onClose: () => void }) {
  const { t } = useI18n();
  const { message: toast } = AntApp.useApp();
  const resolve = useResolveIncident();
  const [form] = Form.useForm<{ variables?: string; comment?: string }>();
  const submit = async () => {
    const values = await form.validateFields();
    const parsed = parseCorrections(values.variables ?? '');
    if (!parsed.ok) return;
    try {
      await resolve.mutateAsync({
        caseId,
        incidentId: incident.id,
        action,
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        ...(action === 'retry' && parsed.variables ? { variables: parsed.variables } : {}),
      });
      toast.success(action === 'retry' ? t('incident.retried') : t('incident.cancelled'));
      onClose();
    } catch (err) {
      toast.error(describeError(err, t));
    }
  };
  return (
    <Modal
      open
      title={action === 'retry' ? t('incident.retryTitle', { element: elementLabel(incident, t) }) : t('incident.cancelTitle')}
      okText={action === 'retry' ? t('incident.retry') : t('incident.cancelCase')}
      okButtonProps={{ danger: action === 'cancel', loading: resolve.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {action === 'retry' ? (
          <>
            <Typography.Paragraph type="secondary">{t('incident.retryHelp')}</Typography.Paragraph>
            <Form.Item
              name="variables"
              label={t('incident.corrections')}
              extra={t('incident.correctionsHelp')}
              rules={[{ validator: async (_r, v: string | undefined) => (parseCorrections(v ?? '').ok ? undefined : Promise.reject(new Error(t('incident.correctionsInvalid')))) }]}
            >
              <Input.TextArea rows={4} placeholder='{"amount": 50}' style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="comment" label={t('incident.comment')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Typography.Paragraph type="danger">{t('incident.cancelHelp')}</Typography.Paragraph>
            <Form.Item name="comment" label={t('incident.reason')} rules={[{ required: true, whitespace: true, message: t('incident.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} autoFocus />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
