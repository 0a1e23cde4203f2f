import { App as AntApp, Button, Card, Empty, Form, Input, Space, Table, Tag } from 'antd';
import { useCases, useStartDemoCase } from '../api/hooks';
import type { Case } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { QueryState } from './QueryState';

const statusColor: Record<Case['status'], string> = { running: 'processing', completed: 'success', failed: 'error', terminated: 'default' };

export function CasesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const cases = useCases();
  const start = useStartDemoCase();
  const [form] = Form.useForm<{ title: string }>();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('cases.startDemo')}>
        <Form
          form={form}
          layout="inline"
          onFinish={({ title }) =>
            start.mutate(title, {
              onSuccess: (r) => {
                void message.success(`${t('cases.started')}: ${r.businessKey}`);
                form.resetFields();
              },
              onError: (err) => void message.error(err.message),
            })
          }
        >
          <Form.Item name="title" label={t('cases.demoTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            {t('cases.startDemo')}
          </Button>
        </Form>
      </Card>
      <Card title={t('cases.title')}>
        <QueryState isPending={cases.isPending} error={cases.error} onRetry={() => void cases.refetch()}>
          <Table<Case>
            rowKey="id"
            dataSource={cases.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('cases.empty')} /> }}
            columns={[
              { title: t('case.businessKey'), dataIndex: 'businessKey' },
              { title: t('case.title'), dataIndex: 'title' },
              { title: t('case.process'), render: (_, c) => `${c.processKey} v${c.processVersion}` },
              { title: t('case.status'), dataIndex: 'status', render: (s: Case['status']) => <Tag color={statusColor[s]}>{t(`case.status.${s}`)}</Tag> },
              { title: t('case.startedAt'), dataIndex: 'startedAt', render: (v: string) => new Date(v).toLocaleString() },
            ]}
          />
        </QueryState>
      </Card>
    </Space>
  );
}
