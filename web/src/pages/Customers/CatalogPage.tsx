import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { Fee, FeeBody, Product, ProductBody } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { QueryState } from '../QueryState';
import { useFees, useProducts, useSaveFee, useSaveProduct } from './customersApi';
import { ImportPanel } from './ImportPanel';

/**
 * 产品与收费标准 (/catalog): products and the 维修及养护费用标准 the repair process quotes from, read by
 * everyone, maintained by 总经理 and admins (by hand or by import); purchases are imported here too.
 */
export function CatalogPage() {
  const { t } = useI18n();
  const caps = useSession().data?.capabilities;
  const products = useProducts();
  const fees = useFees();
  const [product, setProduct] = useState<Partial<Product> | null>(null);
  const [fee, setFee] = useState<Partial<Fee> | null>(null);
  const manage = Boolean(caps?.manageCatalog);
  const yesNo = (v: boolean) => (v ? t('catalog.yes') : t('catalog.no'));
  return (
    <Card title={t('catalog.title')}>
      <Tabs
        items={[
          {
            key: 'products',
            label: t('catalog.products'),
            children: (
              <>
                {manage && (
                  <Button icon={<PlusOutlined />} onClick={() => setProduct({ portable: true, warrantyMonths: 12 })} style={{ marginBottom: 12 }}>
                    {t('catalog.newProduct')}
                  </Button>
                )}
                <QueryState isPending={products.isPending} error={products.error} onRetry={() => void products.refetch()}>
                  <Table<Product>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={products.data ?? []}
                    columns={[
                      { key: 'id', title: t('catalog.productId'), dataIndex: 'id' },
                      { key: 'name', title: t('catalog.productName'), dataIndex: 'name' },
                      { key: 'model', title: t('catalog.model'), dataIndex: 'model' },
                      { key: 'portable', title: t('catalog.portable'), render: (_, p) => yesNo(p.portable) },
                      { key: 'warranty', title: t('catalog.warrantyMonths'), dataIndex: 'warrantyMonths' },
                      ...(manage ? [{ key: 'edit', title: '', render: (_: unknown, p: Product) => <Button size="small" icon={<EditOutlined />} aria-label={`${t('customers.edit')} ${p.id}`} onClick={() => setProduct(p)} /> }] : []),
                    ]}
                  />
                </QueryState>
                {manage && <ImportPanel kind="products" />}
              </>
            ),
          },
          {
            key: 'fees',
            label: t('catalog.fees'),
            children: (
              <>
                {manage && (
                  <Button icon={<PlusOutlined />} onClick={() => setFee({ serviceKind: '维修' })} style={{ marginBottom: 12 }}>
                    {t('catalog.newFee')}
                  </Button>
                )}
                <QueryState isPending={fees.isPending} error={fees.error} onRetry={() => void fees.refetch()}>
                  <Table<Fee>
                    rowKey={(f) => `${f.model}|${f.serviceKind}`}
                    size="small"
                    pagination={false}
                    dataSource={fees.data ?? []}
                    columns={[
                      { key: 'model', title: t('catalog.model'), dataIndex: 'model' },
                      { key: 'kind', title: t('catalog.serviceKind'), render: (_, f) => <Tag>{f.serviceKind}</Tag> },
                      { key: 'fee', title: t('catalog.fee'), align: 'right', render: (_, f) => `¥${f.fee.toFixed(2)}` },
                      { key: 'from', title: t('catalog.validFrom'), dataIndex: 'validFrom' },
                      ...(manage ? [{ key: 'edit', title: '', render: (_: unknown, f: Fee) => <Button size="small" icon={<EditOutlined />} aria-label={`${t('customers.edit')} ${f.model} ${f.serviceKind}`} onClick={() => setFee(f)} /> }] : []),
                    ]}
                  />
                </QueryState>
                {manage && <ImportPanel kind="fees" />}
              </>
            ),
          },
          ...(caps?.editCustomers ? [{ key: 'purchases', label: t('customers.purchases'), children: <ImportPanel kind="purchases" /> }] : []),
        ]}
      />
      {product && <ProductModal initial={product} onClose={() => setProduct(null)} />}
      {fee && <FeeModal initial={fee} models={[...new Set((products.data ?? []).map((p) => p.model))]} onClose={() => setFee(null)} />}
    </Card>
  );
}

function ProductModal({ initial, onClose }: { initial: Partial<Product>; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const save = useSaveProduct();
  const [form] = Form.useForm<ProductBody>();
  const submit = async () => {
    await save.mutateAsync(await form.validateFields());
    void message.success(t('customers.saved'));
    onClose();
  };
  return (
    <Modal open title={t('catalog.products')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="id" label={t('catalog.productId')} rules={[{ required: true, message: t('customers.required') }]}>
          <Input disabled={Boolean(initial.id)} />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.productName')} rules={[{ required: true, message: t('customers.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="model" label={t('catalog.model')} rules={[{ required: true, message: t('customers.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="portable" label={t('catalog.portable')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="warrantyMonths" label={t('catalog.warrantyMonths')} rules={[{ required: true }]}>
          <InputNumber min={0} max={240} precision={0} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={describeError(save.error, t)} />}
      </Form>
    </Modal>
  );
}

function FeeModal({ initial, models, onClose }: { initial: Partial<Fee>; models: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const save = useSaveFee();
  const [form] = Form.useForm<FeeBody>();
  const submit = async () => {
    const v = await form.validateFields();
    await save.mutateAsync({ model: v.model, serviceKind: v.serviceKind, fee: v.fee });
    void message.success(t('customers.saved'));
    onClose();
  };
  return (
    <Modal open title={t('catalog.fees')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => void submit().catch(() => undefined)} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="model" label={t('catalog.model')} rules={[{ required: true, message: t('customers.required') }]}>
          <Select showSearch disabled={Boolean(initial.model)} options={models.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="serviceKind" label={t('catalog.serviceKind')} rules={[{ required: true }]}>
          <Select disabled={Boolean(initial.model)} options={['维修', '保养'].map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="fee" label={t('catalog.fee')} rules={[{ required: true, message: t('customers.required') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={describeError(save.error, t)} />}
      </Form>
    </Modal>
  );
}
