import { Alert, Card, Empty, Skeleton, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { CustomerDistribution } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { formatChinaDateTime } from '../../lib/time';
import { caseHref } from '../Cases/caseLinks';
import { useCustomerDistributions } from './customersApi';
import { LevelTag } from './levels';

const INFO_TYPES = ['basic', 'transaction', 'credit', 'service', 'feedback', 'other'];

/** 分发登记 on the 客户 360 page: which department received which numbered record, when, at which level (the server masks it by level). */
export function Distributions({ customerId }: { customerId: string }) {
  const { t, lang } = useI18n();
  const q = useCustomerDistributions(customerId);
  const infoType = (v: string | null) => (v && INFO_TYPES.includes(v) ? t(`customers.infoType.${v}` as MessageKey) : (v ?? '—'));
  const body = () => {
    if (q.isPending) return <Skeleton active />;
    if (q.isError) return <Alert type="warning" showIcon title={describeError(q.error, t)} />;
    if (q.data.masked) return <Alert type="info" showIcon title={t('customers.distributions.masked')} />;
    return (
      <>
        {q.data.withheld > 0 && <Alert type="info" showIcon title={t('customers.distributions.withheld', { count: q.data.withheld })} style={{ marginBottom: 8 }} />}
        <Table<CustomerDistribution>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data.items}
          locale={{ emptyText: <Empty description={t('customers.distributionsEmpty')} /> }}
          columns={[
            { key: 'no', title: t('customers.distributions.infoNo'), render: (_, d) => <Typography.Text code>{d.infoNo}</Typography.Text> },
            { key: 'to', title: t('customers.distributions.recipient'), render: (_, d) => `${d.unitName ?? d.unitId} · ${t(`role.${d.role}` as MessageKey)}` },
            { key: 'level', title: t('customers.distributions.level'), render: (_, d) => <LevelTag level={d.level} /> },
            { key: 'class', title: t('customers.distributions.classification'), render: (_, d) => [infoType(d.infoType), d.region ?? '—', d.period ?? '—'].join(' / ') },
            { key: 'at', title: t('customers.distributions.at'), render: (_, d) => formatChinaDateTime(d.distributedAt, lang) },
            { key: 'case', title: t('customers.distributions.case'), render: (_, d) => <Link to={caseHref(d.caseId)}>{d.caseId.split('/')[1]}</Link> },
          ]}
        />
      </>
    );
  };
  return (
    <Card size="small" title={t('customers.distributions')}>
      {body()}
    </Card>
  );
}
