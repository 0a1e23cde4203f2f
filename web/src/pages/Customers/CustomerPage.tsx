import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Space, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CreditGradeEntry, CustomerChange, CustomerOverview, Purchase } from '../../../../contract';
import { ApiError } from '../../api/http';
import { useProcessName } from '../../api/useProcesses.query';
import { caseStatusColor, caseStatusLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { formatChinaDateTime } from '../../lib/time';
import { caseHref } from '../Cases/caseLinks';
import { RecordsBody } from '../Cases/CaseRecords';
import { useUnitName } from '../Cases/useUnitName';
import { CustomerFormModal } from './CustomerFormModal';
import { Distributions } from './Distributions';
import { Visits } from './Visits';
import { ImportantDates } from './ImportantDates';
import { TierHistory } from './TierHistory';
import { useCustomerChanges, useCustomerOverview } from './customersApi';
import { LevelTag } from './levels';
import { PurchaseModal } from './PurchaseModal';

const money = (n: number) => `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 客户 360 (/customers/:id): the card, grade, tier, level, sales, purchases, cases and their records, and the history. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const overview = useCustomerOverview(id);
  if (overview.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (overview.isError) {
    if (overview.error instanceof ApiError && overview.error.status === 404) {
      return <Result status="404" title={t('customers.notFound')} extra={<Link to="/customers">{t('customers.back')}</Link>} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={describeError(overview.error, t)}
        action={<Button onClick={() => void overview.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <Overview data={overview.data} />;
}

function Overview({ data }: { data: CustomerOverview }) {
  const { t } = useI18n();
  const unit = useUnitName();
  const c = data.customer;
  const [editing, setEditing] = useState(false);
  const [buying, setBuying] = useState(false);
  const dash = (v: string | null) => v ?? '—';
  return (
    <Flex vertical gap={16}>
      <Link to="/customers">
        <ArrowLeftOutlined /> {t('customers.back')}
      </Link>
      <Card
        data-testid="customer-card"
        title={
          <Space wrap>
            <span>{c.name}</span>
            <Typography.Text code>{c.id}</Typography.Text>
            <Tag>{t('customers.tier')} {c.tier}</Tag>
            <LevelTag level={c.confidentiality} />
            <Tag>{t('customers.grade')}：{data.grade ?? t('customers.notGraded')}</Tag>
          </Space>
        }
        extra={
          c.editable && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('customers.edit')}
            </Button>
          )
        }
      >
        {c.masked && <Alert type="info" showIcon title={t('customers.masked')} style={{ marginBottom: 12 }} />}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'unit', label: t('customers.unit'), children: c.unitName ?? unit(c.unitId) },
            { key: 'owner', label: t('customers.ownerId'), children: dash(c.ownerName) },
            { key: 'contact', label: t('customers.contactName'), children: dash(c.contactName) },
            { key: 'phone', label: t('customers.phone'), children: dash(c.phone) },
            { key: 'email', label: t('customers.email'), children: dash(c.email) },
            { key: 'region', label: t('customers.region'), children: dash(c.region) },
            { key: 'type', label: t('customers.customerType'), children: dash(c.customerType) },
            { key: 'industry', label: t('customers.industry'), children: dash(c.industry) },
            { key: 'source', label: t('customers.source'), children: dash(c.source) },
            { key: 'address', label: t('customers.address'), span: 3, children: dash(c.address) },
          ]}
        />
      </Card>
      {data.sales && (
        <Card size="small" title={t('customers.sales')}>
          <Flex wrap gap={32}>
            <Statistic title={t('customers.totalAmount')} value={money(data.sales.totalAmount)} />
            <Statistic title={t('customers.receivable')} value={money(data.sales.receivable)} />
            <Statistic title={t('customers.overdueReceivable')} value={money(data.sales.overdueReceivable)} />
            <Statistic title={t('customers.maxOverdueDays')} value={data.sales.maxOverdueDays} />
            <Statistic title={t('customers.paymentRate')} value={`${(data.sales.paymentRate * 100).toFixed(1)}%`} />
            {data.creditGrades[0] && <Statistic title={t('customers.creditLimit')} value={money(data.creditGrades[0].creditLimit)} />}
          </Flex>
        </Card>
      )}
      {data.creditGrades.length > 0 && (
        <Card size="small" title={t('customers.gradeHistory')}>
          <Grades rows={data.creditGrades} />
        </Card>
      )}
      {!c.masked && (
        <Card
          size="small"
          title={t('customers.purchases')}
          extra={
            c.editable && (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setBuying(true)}>
                {t('customers.newPurchase')}
              </Button>
            )
          }
        >
          <Purchases rows={data.purchases} />
        </Card>
      )}
      <Card size="small" title={t('customers.cases')}>
        <Cases data={data} />
      </Card>
      {!data.records.masked && <RecordsBody records={data.records} forms={undefined} />}
      <ImportantDates customerId={c.id} />
      <Visits customerId={c.id} />
      <TierHistory customerId={c.id} />
      <Distributions customerId={c.id} />
      <History customerId={c.id} />
      {editing && <CustomerFormModal existing={c} onClose={() => setEditing(false)} />}
      {buying && <PurchaseModal customerId={c.id} onClose={() => setBuying(false)} />}
    </Flex>
  );
}

function Purchases({ rows }: { rows: Purchase[] }) {
  const { t } = useI18n();
  return (
    <Table<Purchase>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: true }}
      data-testid="customer-purchases"
      locale={{ emptyText: <Empty description={t('customers.noPurchases')} /> }}
      columns={[
        { key: 'id', title: t('records.number'), render: (_, p) => <Typography.Text code>{p.id}</Typography.Text> },
        { key: 'product', title: t('customers.product'), render: (_, p) => `${p.productName ?? p.productId}${p.model ? `（${p.model}）` : ''}` },
        { key: 'on', title: t('customers.purchasedOn'), dataIndex: 'purchasedOn' },
        { key: 'invoice', title: t('customers.invoiceNo'), render: (_, p) => p.invoiceNo ?? '—' },
        {
          key: 'warranty',
          title: t('customers.warranty'),
          render: (_, p) => (
            <Space size={4} wrap>
              <Tag color={p.inWarranty ? 'green' : 'gold'}>{p.inWarranty ? t('customers.inWarranty') : t('customers.outOfWarranty')}</Tag>
              <Typography.Text type="secondary">{t('customers.warrantyUntil', { day: p.warrantyEndsOn })}</Typography.Text>
            </Space>
          ),
        },
        { key: 'amount', title: t('customers.amount'), align: 'right', render: (_, p) => money(p.amount) },
        {
          key: 'payment',
          title: t('customers.payment'),
          render: (_, p) => (
            <Space size={4} wrap>
              <Tag color={p.paymentStatus === 'paid' ? 'green' : p.paymentStatus === 'partial' ? 'blue' : 'default'}>{t(`customers.payment.${p.paymentStatus}` as MessageKey)}</Tag>
              {p.receivable > 0 && <span>{t('customers.receivable')} {money(p.receivable)}</span>}
              {p.overdueDays > 0 && <Tag color="red">{t('customers.overdueDays', { days: p.overdueDays })}</Tag>}
            </Space>
          ),
        },
        {
          key: 'followUp',
          title: t('customers.followUp'),
          render: (_, p) => (p.followUpCaseId ? <Link to={caseHref(p.followUpCaseId)}>{p.followUpCaseId.split('/')[1]}</Link> : <Tag>{t('customers.followUpMissing')}</Tag>),
        },
      ]}
    />
  );
}

/** 信用等级历史: each grade a credit-grading or credit-anomaly case recorded, newest first. */
function Grades({ rows }: { rows: CreditGradeEntry[] }) {
  const { t, lang } = useI18n();
  return (
    <Table
      rowKey={(g) => `${g.caseId}/${g.decidedAt}`}
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="customer-grades"
      columns={[
        { key: 'grade', title: t('customers.grade'), render: (_, g) => <Tag color="blue">{g.grade}</Tag> },
        { key: 'limit', title: t('customers.creditLimit'), render: (_, g) => money(g.creditLimit) },
        { key: 'case', title: t('customers.gradeCase'), render: (_, g) => <Link to={caseHref(g.caseId)}>{g.caseId.split('/')[1]}</Link> },
        { key: 'at', title: t('customers.gradeDecidedAt'), render: (_, g) => formatChinaDateTime(g.decidedAt, lang) },
      ]}
    />
  );
}

function Cases({ data }: { data: CustomerOverview }) {
  const { t, lang } = useI18n();
  const processName = useProcessName();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={data.cases.length > 20 ? { pageSize: 20 } : false}
      dataSource={data.cases}
      data-testid="customer-cases"
      locale={{ emptyText: <Empty description={t('customers.noCases')} /> }}
      columns={[
        { key: 'title', title: t('customers.caseTitle'), render: (_, c) => <Link to={caseHref(c.id)}>{c.title}</Link> },
        { key: 'process', title: t('customers.process'), render: (_, c) => processName(c.processKey, c.processName) },
        { key: 'status', title: t('customers.status'), render: (_, c) => <Tag color={caseStatusColor[c.status]}>{caseStatusLabel(t, c.status)}</Tag> },
        { key: 'started', title: t('customers.startedAt'), render: (_, c) => formatChinaDateTime(c.startedAt, lang) },
      ]}
    />
  );
}

function History({ customerId }: { customerId: string }) {
  const { t, lang } = useI18n();
  const changes = useCustomerChanges(customerId);
  const label = (field: string) => t(`customers.${field}` as MessageKey);
  const value = (v: string | null, masked: boolean) => (masked ? t('customers.history.hidden') : field(v));
  const field = (v: string | null) => (v === null || v === '' ? '—' : ['public', 'internal', 'secret', 'confidential'].includes(v) ? t(`customers.level.${v}` as MessageKey) : v);
  const kind = (c: CustomerChange) => (c.kind === 'confidentiality' ? t('customers.history.confidentiality', { caseId: c.caseId ?? '' }) : t(`customers.history.${c.kind}` as MessageKey));
  return (
    <Card size="small" title={t('customers.history')}>
      {changes.isPending ? (
        <Skeleton active />
      ) : changes.isError ? (
        <Alert type="warning" showIcon title={describeError(changes.error, t)} />
      ) : changes.data.items.length === 0 ? (
        <Empty description={t('customers.historyEmpty')} />
      ) : (
        <Timeline
          items={changes.data.items.map((c) => ({
            key: c.id,
            content: (
              <div>
                <Typography.Text strong>{kind(c)}</Typography.Text> · {c.actorName ?? t('customers.history.process')} · {formatChinaDateTime(c.at, lang)}
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {c.changes.map((ch) => (
                    <li key={ch.field}>
                      {label(ch.field)}：{c.kind === 'created' ? value(ch.after, changes.data.masked) : `${value(ch.before, changes.data.masked)} → ${value(ch.after, changes.data.masked)}`}
                    </li>
                  ))}
                </ul>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
