import { Alert, App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { newKey, useProducts, useRegisterPurchase } from './customersApi';

interface Values {
  productId: string;
  purchasedOn: Dayjs;
  invoiceNo?: string;
  warrantyCardNo?: string;
  quantity: number;
  amount: number;
  paidAmount: number;
  dueOn?: Dayjs | null;
}

/** 登记购买: a sales record; the server starts its after-sales follow-up case (once per purchase). */
export function PurchaseModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useI18n();
  const products = useProducts();
  const register = useRegisterPurchase(customerId);
  const [key] = useState(newKey);
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    const out = await register.mutateAsync({
      key,
      body: {
        productId: v.productId,
        purchasedOn: v.purchasedOn.format('YYYY-MM-DD'),
        invoiceNo: v.invoiceNo?.trim() || null,
        warrantyCardNo: v.warrantyCardNo?.trim() || null,
        quantity: v.quantity,
        amount: v.amount,
        paidAmount: v.paidAmount,
        dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
      },
    });
    const id = (out as { purchase?: { id: string } }).purchase?.id ?? '';
    void message.success(t(!out.created ? 'customers.purchaseExisting' : out.followUpCaseId ? 'customers.purchaseSaved' : 'customers.purchaseNoFollowUp', { id }));
    onClose();
  };
  return (
    <Modal open title={t('customers.purchaseTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={register.isPending} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ quantity: 1, paidAmount: 0 }}>
        <Form.Item name="productId" label={t('customers.product')} rules={[{ required: true, message: t('customers.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={products.isPending}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.model}）` }))}
          />
        </Form.Item>
        <Form.Item name="purchasedOn" label={t('customers.purchasedOn')} rules={[{ required: true, message: t('customers.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="invoiceNo" label={t('customers.invoiceNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="warrantyCardNo" label={t('customers.warrantyCardNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="quantity" label={t('customers.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="amount" label={t('customers.amount')} rules={[{ required: true, message: t('customers.required') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="paidAmount" label={t('customers.paidAmount')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('customers.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {register.error && <Alert type="error" showIcon title={describeError(register.error, t)} />}
      </Form>
    </Modal>
  );
}
