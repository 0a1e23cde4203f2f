import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RosterRow } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import { formatChinaDateTime } from '../../lib/time';
import { QueryState } from '../QueryState';
import { LevelTag } from './levels';
import { rosterExportHref, useRoster, type RosterTier } from './customersApi';

const money = (n: number) => `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (n: number) => `${Math.round(n * 100)}%`;
const TIER_COLOR: Record<RosterTier, string> = { A: 'gold', B: 'blue', C: 'default', D: 'default' };

/** 客户名册 (客户关系维护): customers by tier, with the 客户分类标准 they were ranked by; rows above the reader's level come masked from the server. */
export function RosterPage() {
  const { t, lang } = useI18n();
  const [tier, setTier] = useState<RosterTier | undefined>(undefined);
  const roster = useRoster(tier);
  return (
    <Card
      title={t('roster.title')}
      extra={
        <Space>
          <Link to="/customers">{t('roster.back')}</Link>
          <Button icon={<DownloadOutlined />} href={rosterExportHref(tier, 'xlsx', lang)} download>
            {t('reports.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={rosterExportHref(tier, 'csv', lang)} download>
            {t('reports.exportCsv')}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('roster.intro')}
        </Typography.Paragraph>
        <Segmented<string>
          value={tier ?? 'all'}
          onChange={(v) => setTier(v === 'all' ? undefined : (v as RosterTier))}
          options={[{ label: t('roster.allTiers'), value: 'all' }, ...(['A', 'B', 'C', 'D'] as const).map((x) => ({ label: t('roster.tierN', { tier: x }), value: x }))]}
        />
        <QueryState isPending={roster.isPending} error={roster.error} onRetry={() => void roster.refetch()}>
          {roster.data?.truncated && <Alert type="warning" showIcon title={t('roster.truncated')} />}
          {roster.data && (
            <Descriptions size="small" bordered column={4} title={t('roster.rules')} extra={<Link to="/customers/tier-rules">{t('roster.rulesLink')}</Link>}>
              {roster.data.rules.map((r) => (
                <Descriptions.Item key={r.tier} label={`${r.tier} · ${r.name}`}>
                  {r.priorShareBelow === null ? t('roster.rule.noSales') : t('roster.rule.share', { share: pct(r.priorShareBelow) })}
                  <br />
                  {t('roster.rule.effects', { coverage: pct(r.callbackCoverage), days: r.followUpDays, complaintDays: r.complaintDays })}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          <Table<RosterRow>
            rowKey="id"
            size="middle"
            dataSource={roster.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('roster.empty')} /> }}
            columns={[
              { key: 'tier', title: t('customers.tier'), render: (_, r) => <Tag color={TIER_COLOR[r.tier]}>{r.tier}</Tag> },
              { key: 'id', title: t('customers.id'), render: (_, r) => <Typography.Text code>{r.id}</Typography.Text> },
              { key: 'name', title: t('customers.name'), render: (_, r) => <Link to={`/customers/${encodeURIComponent(r.id)}`}>{r.name}</Link> },
              { key: 'unit', title: t('customers.unit'), render: (_, r) => r.unitName },
              { key: 'level', title: t('customers.confidentiality'), render: (_, r) => <LevelTag level={r.confidentiality} /> },
              { key: 'contact', title: t('customers.contactName'), render: (_, r) => [r.contactName, r.phone].filter(Boolean).join(' · ') || '—' },
              { key: 'owner', title: t('roster.owner'), render: (_, r) => r.ownerName ?? '—' },
              { key: 'sales', title: t('roster.sales'), align: 'right', render: (_, r) => (r.sales === null ? '—' : money(r.sales)) },
              { key: 'changed', title: t('roster.tierChangedAt'), render: (_, r) => (r.tierChangedAt ? formatChinaDateTime(r.tierChangedAt, lang) : '—') },
              { key: 'visit', title: t('roster.lastVisit'), render: (_, r) => r.lastVisitOn ?? '—' },
            ]}
          />
        </QueryState>
      </Flex>
    </Card>
  );
}
