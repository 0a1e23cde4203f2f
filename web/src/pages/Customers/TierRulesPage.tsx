import { Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TierRuleBoard, TierRuleChange } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { formatChinaDateTime } from '../../lib/time';
import { QueryState } from '../QueryState';
import { useChangeTierRule, useTierRules } from './customersApi';

type Rule = TierRuleBoard['rules'][number];
const pct = (n: number) => `${Math.round(n * 10_000) / 100}%`;

/**
 * 客户分类标准 (/customers/tier-rules): each tier's effects — 回访 coverage and the 回访 / 投诉转交
 * time limits — and every change to them. The server says whether this reader may change them
 * (admins, 客服经理 of the top unit); a change needs a note and reaches tasks opened after it.
 */
export function TierRulesPage() {
  const { t, lang } = useI18n();
  const board = useTierRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  const effects = (e: TierRuleChange['before']) => t('tierRules.effects', { coverage: pct(e.callbackCoverage), days: e.followUpDays, complaintDays: e.complaintDays });
  return (
    <Card title={t('tierRules.title')} extra={<Link to="/customers/roster">{t('tierRules.toRoster')}</Link>}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('tierRules.intro')}
        </Typography.Paragraph>
        <QueryState isPending={board.isPending} error={board.error} onRetry={() => void board.refetch()}>
          {board.data && !board.data.editable && <Alert type="info" showIcon title={t('tierRules.readOnly')} />}
          <Table<Rule>
            rowKey="tier"
            size="middle"
            pagination={false}
            dataSource={board.data?.rules ?? []}
            columns={[
              { key: 'tier', title: t('customers.tier'), render: (_, r) => <Tag>{`${r.tier} · ${r.name}`}</Tag> },
              { key: 'basis', title: t('tierRules.basis'), render: (_, r) => (r.priorShareBelow === null ? t('roster.rule.noSales') : t('roster.rule.share', { share: pct(r.priorShareBelow) })) },
              { key: 'coverage', title: t('tierRules.coverage'), render: (_, r) => pct(r.callbackCoverage) },
              { key: 'followUp', title: t('tierRules.followUpDays'), render: (_, r) => t('tierRules.days', { days: r.followUpDays }) },
              { key: 'complaint', title: t('tierRules.complaintDays'), render: (_, r) => t('tierRules.days', { days: r.complaintDays }) },
              ...(board.data?.editable
                ? [
                    {
                      key: 'edit',
                      title: '',
                      render: (_: unknown, r: Rule) => (
                        <Button size="small" onClick={() => setEditing(r)}>
                          {t('tierRules.change')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('tierRules.changes')}
          </Typography.Title>
          <Table<TierRuleChange>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={board.data?.changes ?? []}
            locale={{ emptyText: <Empty description={t('tierRules.noChanges')} /> }}
            columns={[
              { key: 'at', title: t('tierRules.at'), render: (_, c) => formatChinaDateTime(c.at, lang) },
              { key: 'tier', title: t('customers.tier'), render: (_, c) => <Tag>{c.tier}</Tag> },
              { key: 'by', title: t('tierRules.by'), render: (_, c) => c.actorName ?? c.actorId },
              { key: 'change', title: t('tierRules.beforeAfter'), render: (_, c) => `${effects(c.before)} → ${effects(c.after)}` },
              { key: 'note', title: t('tierRules.note'), render: (_, c) => c.note },
            ]}
          />
        </QueryState>
      </Flex>
      {editing && <ChangeModal rule={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface Values {
  coveragePercent: number;
  followUpDays: number;
  complaintDays: number;
  note: string;
}

function ChangeModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useI18n();
  const change = useChangeTierRule();
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: t('customers.required') };
  const submit = async () => {
    const v = await form.validateFields();
    await change.mutateAsync({
      tier: rule.tier,
      body: { callbackCoverage: Math.round(v.coveragePercent * 100) / 10_000, followUpDays: v.followUpDays, complaintDays: v.complaintDays, note: v.note.trim() },
    });
    onClose();
  };
  return (
    <Modal
      open
      title={t('tierRules.changeTitle', { tier: `${rule.tier} · ${rule.name}` })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ coveragePercent: Math.round(rule.callbackCoverage * 10_000) / 100, followUpDays: rule.followUpDays, complaintDays: rule.complaintDays }}
      >
        <Space align="start" wrap>
          <Form.Item name="coveragePercent" label={t('tierRules.coveragePercent')} rules={[required]}>
            <InputNumber min={0} max={100} precision={2} />
          </Form.Item>
          <Form.Item name="followUpDays" label={t('tierRules.followUpDays')} rules={[required]}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
          <Form.Item name="complaintDays" label={t('tierRules.complaintDays')} rules={[required]}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('tierRules.note')} rules={[required, { whitespace: true, message: t('customers.required') }]} extra={t('tierRules.noteHint')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {change.error && <Alert type="error" showIcon title={describeError(change.error, t)} />}
      </Form>
    </Modal>
  );
}
