import { App as AntApp, Button, Card, Empty, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCompleteTask, useTasks } from '../api/hooks';
import type { Task } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { QueryState } from './QueryState';

export function InboxPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [showCompleted, setShowCompleted] = useState(false);
  const tasks = useTasks(showCompleted ? undefined : 'open');
  const complete = useCompleteTask();
  const [comments, setComments] = useState<Record<string, string>>({});

  const decide = (task: Task, outcome: 'approve' | 'reject') => {
    const comment = comments[task.id]?.trim();
    if (outcome === 'reject' && !comment) {
      void message.warning(t('inbox.rejectNeedsComment'));
      return;
    }
    complete.mutate(
      { taskId: task.id, outcome, comment },
      {
        onSuccess: () => void message.success(t('inbox.done')),
        onError: (err) => void message.error(err.message),
      },
    );
  };

  return (
    <Card
      title={t('inbox.title')}
      extra={
        <Space>
          <Typography.Text>{t('inbox.showCompleted')}</Typography.Text>
          <Switch checked={showCompleted} onChange={setShowCompleted} />
        </Space>
      }
    >
      <QueryState isPending={tasks.isPending} error={tasks.error} onRetry={() => void tasks.refetch()}>
        <Table<Task>
          rowKey="id"
          dataSource={tasks.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          columns={[
            { title: t('task.name'), dataIndex: 'name' },
            { title: t('task.case'), render: (_, task) => <Space direction="vertical" size={0}><span>{task.caseTitle}</span><Typography.Text type="secondary">{task.businessKey}</Typography.Text></Space> },
            { title: t('task.created'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
            {
              title: t('task.status'),
              dataIndex: 'status',
              render: (s: Task['status'], task) => (
                <Tag color={s === 'open' ? 'blue' : task.outcome === 'reject' ? 'red' : 'green'}>
                  {t(`task.status.${s}`)}
                  {task.outcome ? ` · ${t(task.outcome === 'approve' ? 'inbox.approve' : 'inbox.reject')}` : ''}
                </Tag>
              ),
            },
            {
              title: '',
              render: (_, task) =>
                task.status === 'open' ? (
                  <Space>
                    <Input
                      size="small"
                      placeholder={t('inbox.comment')}
                      aria-label={t('inbox.comment')}
                      value={comments[task.id] ?? ''}
                      onChange={(e) => setComments((c) => ({ ...c, [task.id]: e.target.value }))}
                      style={{ width: 180 }}
                    />
                    <Button size="small" type="primary" loading={complete.isPending && complete.variables?.taskId === task.id} onClick={() => decide(task, 'approve')}>
                      {t('inbox.approve')}
                    </Button>
                    <Popconfirm title={t('inbox.reject')} onConfirm={() => decide(task, 'reject')}>
                      <Button size="small" danger>
                        {t('inbox.reject')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{task.comment}</Typography.Text>
                ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
