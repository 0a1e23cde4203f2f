import { Alert, Card, Empty, Skeleton, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { TierHistory as TierHistoryList } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { formatChinaDateTime } from '../../lib/time';
import { caseHref } from '../Cases/caseLinks';
import { useCustomerTiers } from './customersApi';

type Row = TierHistoryList['items'][number];
const money = (n: number) => `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 客户分类历史 on the 客户 360 page: each computation of the relationship process that ranked the customer (masked by level on the server). */
export function TierHistory({ customerId }: { customerId: string }) {
  const { t, lang } = useI18n();
  const q = useCustomerTiers(customerId);
  const body = () => {
    if (q.isPending) return <Skeleton active />;
    if (q.isError) return <Alert type="warning" showIcon title={describeError(q.error, t)} />;
    if (q.data.masked) return <Alert type="info" showIcon title={t('customers.tiers.masked')} />;
    return (
      <Table<Row>
        rowKey={(r) => `${r.caseId}/${r.computedAt}`}
        size="small"
        pagination={false}
        dataSource={q.data.items}
        locale={{ emptyText: <Empty description={t('customers.tiers.empty')} /> }}
        columns={[
          { key: 'at', title: t('customers.tiers.at'), render: (_, r) => formatChinaDateTime(r.computedAt, lang) },
          { key: 'tier', title: t('customers.tier'), render: (_, r) => (r.tierBefore && r.tierBefore !== r.tierAfter ? <><Tag>{r.tierBefore}</Tag>→ <Tag color="blue">{r.tierAfter}</Tag></> : <Tag>{r.tierAfter}</Tag>) },
          { key: 'sales', title: t('roster.sales'), align: 'right', render: (_, r) => money(r.sales) },
          { key: 'share', title: t('customers.tiers.priorShare'), render: (_, r) => (r.priorShare === null ? '—' : `${(r.priorShare * 100).toFixed(1)}%`) },
          { key: 'case', title: t('customers.distributions.case'), render: (_, r) => <Link to={caseHref(r.caseId)}>{r.caseId.split('/')[1]}</Link> },
        ]}
      />
    );
  };
  return (
    <Card size="small" title={t('customers.tiers')}>
      {body()}
    </Card>
  );
}
