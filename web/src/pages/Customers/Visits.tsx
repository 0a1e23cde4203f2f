import { Alert, Card, Empty, Skeleton, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { CustomerVisit } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { caseHref } from '../Cases/caseLinks';
import { useCustomerVisits } from './customersApi';

/** 服务记录 on the 客户 360 page: what 实施服务方案 of the relationship process recorded (the server masks it by level). */
export function Visits({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const q = useCustomerVisits(customerId);
  const body = () => {
    if (q.isPending) return <Skeleton active />;
    if (q.isError) return <Alert type="warning" showIcon title={describeError(q.error, t)} />;
    if (q.data.masked) return <Alert type="info" showIcon title={t('customers.visits.masked')} />;
    return (
      <Table<CustomerVisit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data.items}
        locale={{ emptyText: <Empty description={t('customers.visits.empty')} /> }}
        columns={[
          { key: 'on', title: t('customers.visits.on'), render: (_, v) => v.visitedOn },
          { key: 'kind', title: t('customers.visits.kind'), render: (_, v) => <Tag>{t(`customers.visits.kind.${v.kind}` as MessageKey)}</Tag> },
          { key: 'summary', title: t('customers.visits.summary'), render: (_, v) => v.summary },
          { key: 'opinion', title: t('customers.visits.opinion'), render: (_, v) => v.customerOpinion ?? '—' },
          { key: 'by', title: t('customers.visits.by'), render: (_, v) => v.recordedByName ?? v.recordedBy ?? '—' },
          { key: 'case', title: t('customers.distributions.case'), render: (_, v) => <Link to={caseHref(v.caseId)}>{v.caseId.split('/')[1]}</Link> },
        ]}
      />
    );
  };
  return (
    <Card size="small" title={t('customers.visits')}>
      {body()}
    </Card>
  );
}
