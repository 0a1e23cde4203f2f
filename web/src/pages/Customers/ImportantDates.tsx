import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ImportantDate } from '../../../../contract';
import { IMPORTANT_DATE_KINDS, importantDateExists } from '../../../../contract/customer-date-rules';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { useCustomerDates, useRemoveCustomerDate, useSaveCustomerDate } from './customersApi';

/**
 * 重要日期 on 客户 360: the 生日 / 节日 / 纪念日 the daily greetings run turns into 待问候 entries of
 * the service log. The server masks them by level and says whether this reader may edit them.
 */
export function ImportantDates({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const q = useCustomerDates(customerId);
  const remove = useRemoveCustomerDate(customerId);
  const [editing, setEditing] = useState<ImportantDate | 'new' | null>(null);
  const editable = q.data?.editable ?? false;
  const body = () => {
    if (q.isPending) return <Skeleton active />;
    if (q.isError) return <Alert type="warning" showIcon title={describeError(q.error, t)} />;
    if (q.data.masked) return <Alert type="info" showIcon title={t('customers.dates.masked')} />;
    return (
      <>
        {remove.error && <Alert type="error" showIcon title={describeError(remove.error, t)} />}
        <Table<ImportantDate>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data.items}
          locale={{ emptyText: <Empty description={t('customers.dates.empty')} /> }}
          columns={[
            { key: 'kind', title: t('customers.dates.kind'), render: (_, d) => <Tag>{t(`customers.dates.kind.${d.kind}` as MessageKey)}</Tag> },
            { key: 'on', title: t('customers.dates.on'), render: (_, d) => t('customers.dates.monthDay', { month: d.month, day: d.day }) + (d.year != null ? `（${d.year}）` : '') },
            { key: 'label', title: t('customers.dates.label'), render: (_, d) => d.label },
            ...(editable
              ? [
                  {
                    key: 'actions',
                    title: '',
                    render: (_: unknown, d: ImportantDate) => (
                      <Space>
                        <Button size="small" type="link" onClick={() => setEditing(d)}>
                          {t('customers.dates.change')}
                        </Button>
                        <Popconfirm title={t('customers.dates.removeConfirm', { label: d.label })} okText={t('customers.dates.remove')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(d.id)}>
                          <Button size="small" type="link" danger>
                            {t('customers.dates.remove')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </>
    );
  };
  return (
    <Card
      size="small"
      title={t('customers.dates')}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('customers.dates.add')}
          </Button>
        )
      }
    >
      {body()}
      {editing && <DateModal customerId={customerId} existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface Values {
  kind: ImportantDate['kind'];
  label: string;
  month: number;
  day: number;
  year?: number | null;
}

function DateModal({ customerId, existing, onClose }: { customerId: string; existing: ImportantDate | null; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSaveCustomerDate(customerId);
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    const body = { kind: v.kind, label: v.label.trim(), month: v.month, day: v.day, year: v.year ?? null };
    await save.mutateAsync(existing ? { dateId: existing.id, body } : { body });
    onClose();
  };
  const required = { required: true, message: t('customers.required') };
  return (
    <Modal
      open
      title={t(existing ? 'customers.dates.changeTitle' : 'customers.dates.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={existing ?? { kind: 'birthday' }}>
        <Form.Item name="kind" label={t('customers.dates.kind')} rules={[required]}>
          <Select options={IMPORTANT_DATE_KINDS.map((k) => ({ value: k, label: t(`customers.dates.kind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="label" label={t('customers.dates.label')} rules={[required, { whitespace: true, message: t('customers.required') }]} extra={t('customers.dates.labelHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Space align="start">
          <Form.Item name="month" label={t('customers.dates.month')} rules={[required]}>
            <InputNumber min={1} max={12} precision={0} />
          </Form.Item>
          <Form.Item
            name="day"
            label={t('customers.dates.day')}
            dependencies={['month', 'year']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: (_, day: number | null) => {
                  const month = getFieldValue('month') as number | null;
                  if (day == null || month == null || importantDateExists(month, day, getFieldValue('year') as number | null)) return Promise.resolve();
                  return Promise.reject(new Error(t('problem.customer.dateNotExisting', { month, day })));
                },
              }),
            ]}
          >
            <InputNumber min={1} max={31} precision={0} />
          </Form.Item>
          <Form.Item name="year" label={t('customers.dates.year')} extra={t('customers.dates.yearHint')}>
            <InputNumber min={1900} max={2199} precision={0} />
          </Form.Item>
        </Space>
        {save.error && <Alert type="error" showIcon title={describeError(save.error, t)} />}
      </Form>
    </Modal>
  );
}
