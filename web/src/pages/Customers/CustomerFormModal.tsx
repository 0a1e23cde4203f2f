import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { CustomerCard } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { unitOptions } from '../Users/userForm';
import { useOrgUnits } from '../../api/useOrgUnits.query';
import { renderUnitOption } from '../Users/unitOption';
import { newKey, useCreateCustomer, useUpdateCustomer } from './customersApi';

const TEXT_FIELDS = ['contactName', 'phone', 'email', 'address', 'region', 'customerType', 'industry', 'source'] as const;
const TYPES = ['企业', '个人', '经销商', '政府机构', '事业单位'];
const SOURCES = ['展会', '转介绍', '官网', '电话咨询', '老客户', '招投标'];

type Values = { name: string; tier: 'A' | 'B' | 'C' | 'D'; unitId: string; ownerId?: string | null } & Partial<Record<(typeof TEXT_FIELDS)[number], string | null>>;

/** 客户资料卡 to create (no `existing`) or edit. The level is not a field: the customer-information process sets it. */
export function CustomerFormModal({ existing, onClose }: { existing?: CustomerCard; onClose: (createdId?: string) => void }) {
  const { t, lang } = useI18n();
  const me = useSession().data;
  const units = useOrgUnits();
  const create = useCreateCustomer();
  const update = useUpdateCustomer(existing?.id ?? '');
  // One key per opening of the dialog: a double submit or a retry creates one customer.
  const [key] = useState(newKey);
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const mutation = existing ? update : create;
  const owners = [
    ...(me ? [{ value: me.id, label: t('customers.me', { name: me.displayName }) }] : []),
    ...(existing?.ownerId && existing.ownerId !== me?.id ? [{ value: existing.ownerId, label: existing.ownerName ?? existing.ownerId }] : []),
  ];
  const initial: Values = existing
    ? { name: existing.name, tier: existing.tier as Values['tier'], unitId: existing.unitId, ownerId: existing.ownerId, ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, existing[f]])) }
    : { name: '', tier: 'C', unitId: me?.unitId ?? '', ownerId: me?.id ?? null };

  const submit = async () => {
    const values = await form.validateFields();
    const body = { ...values, ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, values[f]?.trim() ? values[f]!.trim() : null])) };
    if (existing) {
      await update.mutateAsync(body);
      void message.success(t('customers.saved'));
      onClose();
    } else {
      const created = await create.mutateAsync({ body: { ...body, name: values.name.trim(), tier: values.tier, unitId: values.unitId }, key });
      void message.success(t('customers.created', { id: created.id }));
      onClose(created.id);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={existing ? t('customers.editTitle') : t('customers.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, whitespace: true, message: t('customers.required') }, { max: 100 }]}>
          <Input autoFocus />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 16 }}>
          <Form.Item name="tier" label={t('customers.tier')} rules={[{ required: true }]}>
            <Select options={['A', 'B', 'C', 'D'].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('customers.unit')} rules={[{ required: true, message: t('customers.required') }]}>
            <Select showSearch optionFilterProp="label" loading={units.isPending} options={unitOptions(units.data ?? [], lang)} optionRender={renderUnitOption} />
          </Form.Item>
          <Form.Item name="contactName" label={t('customers.contactName')} rules={[{ max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('customers.phone')} rules={[{ max: 40 }, { pattern: /^[0-9+\-() ]{3,40}$/, message: t('customers.phone') }]}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email' }]}>
            <Input inputMode="email" />
          </Form.Item>
          <Form.Item name="region" label={t('customers.region')} rules={[{ max: 60 }]}>
            <Input placeholder="浙江 宁波" />
          </Form.Item>
          <Form.Item name="customerType" label={t('customers.customerType')}>
            <Select allowClear options={TYPES.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="industry" label={t('customers.industry')} rules={[{ max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="source" label={t('customers.source')}>
            <Select allowClear options={SOURCES.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('customers.ownerId')}>
            <Select allowClear options={owners} />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t('customers.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Alert type="info" showIcon title={t('customers.levelHint')} style={{ marginBottom: 12 }} />
        {mutation.error && <Alert type="error" showIcon title={describeError(mutation.error, t)} />}
      </Form>
    </Modal>
  );
}
