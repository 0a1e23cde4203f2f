import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { OrgUnit, UnitWebhook } from '../../../../contract';
import { ApiError } from '../../api/http';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, fieldMessage } from '../../lib/problems';
import { QueryState } from '../QueryState';
import { renderUnitOption } from './unitOption';
import { unitName } from '../../api/useOrgUnits.query';
import { unitOptions } from './userForm';
import { webhookBody, type WebhookFormValues } from './webhookForm';
import { useDeleteUnitWebhook, usePutUnitWebhook, useUnitWebhooks } from './webhooksApi';

/**
 * 群机器人: each unit's 企业微信 / 钉钉 robot hears of the unit's new tasks, escalations and ended
 * cases, with a link to the task. Stored keys and secrets are never shown again.
 */
export function UnitWebhooks({ units }: { units: OrgUnit[] }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const hooks = useUnitWebhooks();
  const remove = useDeleteUnitWebhook();
  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const [editing, setEditing] = useState<UnitWebhook | 'new' | null>(null);

  return (
    <Card
      title={t('webhooks.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('webhooks.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      <QueryState isPending={hooks.isPending} error={hooks.error} onRetry={() => void hooks.refetch()}>
        <Table<UnitWebhook>
          rowKey="unitId"
          size="small"
          pagination={false}
          dataSource={hooks.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('webhooks.empty')} /> }}
          columns={[
            { title: t('webhooks.unit'), width: 180, render: (_, w) => unitName(unitById.get(w.unitId), lang, w.unitId) },
            { title: t('webhooks.format'), width: 100, render: (_, w) => t(`webhooks.format.${w.format}`) },
            { title: t('webhooks.url'), render: (_, w) => <Typography.Text code>{w.url}</Typography.Text> },
            { title: t('webhooks.secret'), width: 90, render: (_, w) => (w.format === 'dingtalk' ? <Tag color={w.secretSet ? 'green' : 'default'}>{w.secretSet ? t('webhooks.secretSet') : t('webhooks.secretNotSet')}</Tag> : '—') },
            { title: t('users.status'), width: 80, render: (_, w) => <Tag color={w.enabled ? 'green' : 'default'}>{w.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}</Tag> },
            { title: t('webhooks.updated'), width: 120, render: (_, w) => <RelativeTime iso={w.updatedAt} /> },
            {
              title: t('users.actions'),
              width: 170,
              render: (_, w) => {
                const name = unitName(unitById.get(w.unitId), lang, w.unitId);
                return (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(w)} aria-label={`${t('users.edit')} ${name}`}>
                      {t('users.edit')}
                    </Button>
                    <Popconfirm
                      title={t('webhooks.deleteConfirm', { unit: name })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove.mutate(w.unitId, {
                          onSuccess: () => void message.success(t('webhooks.deleted', { unit: name })),
                          onError: (err) => void message.error(describeError(err, t)),
                        })
                      }
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('webhooks.delete')} ${name}`}>
                        {t('webhooks.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
      </QueryState>
      {editing && <WebhookModal hook={editing === 'new' ? null : editing} units={units} allowedHosts={hooks.data?.allowedHosts ?? []} onClose={() => setEditing(null)} />}
    </Card>
  );
}

const FORM_FIELDS: Record<string, keyof WebhookFormValues> = { 'body.url': 'url', 'body.secret': 'secret', 'body.format': 'format', 'body.enabled': 'enabled' };

function WebhookModal({ hook, units, allowedHosts, onClose }: { hook: UnitWebhook | null; units: OrgUnit[]; allowedHosts: string[]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<WebhookFormValues>();
  const put = usePutUnitWebhook();
  const [problem, setProblem] = useState<string | null>(null);
  const format = Form.useWatch('format', form) ?? hook?.format ?? 'wecom';
  const clearSecret = Form.useWatch('clearSecret', form);

  const submit = (v: WebhookFormValues) => {
    setProblem(null);
    const unitId = hook?.unitId ?? v.unitId;
    put.mutate(
      { unitId, body: webhookBody(v) },
      {
        onSuccess: () => {
          void message.success(t('webhooks.saved'));
          onClose();
        },
        onError: (err) => {
          // Field problems beside their fields; anything else above the buttons.
          const errors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
          const placed = errors.flatMap((e) => (FORM_FIELDS[e.path] ? [{ name: FORM_FIELDS[e.path]!, errors: [fieldMessage(e, t)] }] : []));
          if (placed.length) form.setFields(placed as never);
          setProblem(placed.length === errors.length && placed.length ? null : describeError(err, t));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={hook ? t('webhooks.editTitle') : t('webhooks.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: put.isPending, htmlType: 'submit', form: 'sw-webhook-form' }}
      destroyOnHidden
    >
      <Form<WebhookFormValues>
        id="sw-webhook-form"
        name="sw-webhook"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId: hook?.unitId, format: hook?.format ?? 'wecom', enabled: hook?.enabled ?? true }}
      >
        <Form.Item name="unitId" label={t('webhooks.unit')} rules={[{ required: !hook, message: t('users.required') }]}>
          <Select
            disabled={Boolean(hook)}
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions(units, lang)}
            optionRender={renderUnitOption}
            placeholder={t('webhooks.chooseUnit')}
          />
        </Form.Item>
        <Form.Item name="format" label={t('webhooks.format')}>
          <Radio.Group
            options={[
              { value: 'wecom', label: t('webhooks.format.wecom') },
              { value: 'dingtalk', label: t('webhooks.format.dingtalk') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={allowedHosts.length ? t('webhooks.allowedHosts', { hosts: allowedHosts.join('、') }) : undefined}
          rules={[{ required: !hook, whitespace: true, message: t('users.required') }]}
        >
          <Input
            autoComplete="off"
            maxLength={2000}
            placeholder={hook ? t('webhooks.urlKeep', { url: hook.url }) : format === 'wecom' ? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' : 'https://oapi.dingtalk.com/robot/send?access_token=…'}
          />
        </Form.Item>
        {format === 'dingtalk' && (
          <>
            <Form.Item name="secret" label={t('webhooks.secretLabel')} extra={t('webhooks.secretHint')}>
              <Input.Password autoComplete="new-password" maxLength={200} disabled={clearSecret} placeholder={hook?.secretSet ? t('webhooks.secretKeep') : 'SEC…'} />
            </Form.Item>
            {hook?.secretSet && (
              <Form.Item name="clearSecret" valuePropName="checked">
                <Checkbox>{t('webhooks.clearSecret')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="enabled" label={t('webhooks.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
    </Modal>
  );
}
