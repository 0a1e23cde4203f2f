import { Alert, Button, Card, Descriptions, Rate, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CallbackRecord, CaseRecords as CaseRecordsAnswer, ComplaintRecord, CustomerNotificationRecord, FormJsSchema, WorkOrderRecord } from '../../../../contract';
import { useCaseRecords } from '../../api/useCaseRecords.query';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formOptionLabel } from '../../lib/formOptions';
import { describeError } from '../../lib/problems';
import { formatDateTime } from '../../lib/time';

/**
 * 业务记录: what the case recorded for the customer — its complaint, 派工单 and 回访 — and
 * those of the cases it started. Codes are shown as the labels the process's forms offered.
 */
export function CaseRecords({ caseId, forms }: { caseId: string; forms: Record<string, FormJsSchema> | undefined }) {
  const { t } = useI18n();
  const records = useCaseRecords(caseId);
  if (records.isPending) {
    return (
      <Card size="small" title={t('records.title')}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (records.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('records.loadFailed')}
        description={describeError(records.error, t)}
        action={<Button size="small" onClick={() => void records.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (records.data.masked) return <Alert type="info" showIcon title={t('records.masked')} />;
  return <RecordsBody records={records.data} forms={forms} />;
}

/** The records themselves (the case page's, and the customer page's across their cases); nothing when there are none. */
export function RecordsBody({ records, forms }: { records: Omit<CaseRecordsAnswer, 'masked'>; forms: Record<string, FormJsSchema> | undefined }) {
  const { t } = useI18n();
  const { complaints, workOrders, callbacks, customerNotifications } = records;
  // A process without business records (an approval) shows no empty card.
  if (!complaints.length && !workOrders.length && !callbacks.length && !customerNotifications.length) return null;
  return (
    <Card size="small" title={t('records.title')} data-testid="case-records">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {complaints.map((c) => (
          <Complaint key={c.id} record={c} forms={forms} />
        ))}
        {workOrders.length > 0 && <WorkOrders rows={workOrders} />}
        {callbacks.length > 0 && <Callbacks rows={callbacks} />}
        {customerNotifications.length > 0 && <CustomerNotifications rows={customerNotifications} />}
      </Space>
    </Card>
  );
}

function Complaint({ record: c, forms }: { record: ComplaintRecord; forms: Record<string, FormJsSchema> | undefined }) {
  const { t, lang } = useI18n();
  const label = (key: string, value: unknown) => formOptionLabel(forms, key, value);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '—');
  const overdue = c.promisedDeadline !== null && Date.parse(c.promisedDeadline) < Date.now();
  return (
    <section aria-label={t('records.complaint')}>
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('records.complaint')}</Typography.Text>
        <Typography.Text copyable code>
          {c.id}
        </Typography.Text>
        <Tag>{t(`records.stage.${c.stage}` as MessageKey)}</Tag>
        {c.severity && <Tag color={c.severity === 'general' ? 'default' : c.severity === 'serious' ? 'orange' : 'red'}>{label('severity', c.severity)}</Tag>}
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'channel', label: t('records.channel'), children: label('complaintChannel', c.channel) },
          { key: 'received', label: t('records.receivedAt'), children: when(c.receivedAt) },
          { key: 'product', label: t('records.product'), children: c.product ?? '—' },
          { key: 'valid', label: t('records.valid'), children: c.isValid === null ? '—' : c.isValid ? t('records.yes') : t('records.no') },
          { key: 'content', label: t('records.content'), span: 2, children: c.content ?? '—' },
          { key: 'request', label: t('records.customerRequest'), span: 2, children: c.customerRequest ?? '—' },
          { key: 'cause', label: t('records.cause'), children: c.causeType ? label('causeType', c.causeType) : '—' },
          { key: 'dept', label: t('records.department'), children: label('responsibleDepartment', c.responsibleDepartment) },
          { key: 'person', label: t('records.person'), children: c.responsiblePerson ?? '—' },
          { key: 'compensation', label: t('records.compensation'), children: c.compensationAmount === null ? '—' : `¥${c.compensationAmount.toFixed(2)}` },
          { key: 'plan', label: t('records.plan'), span: 2, children: c.solutionPlan ?? '—' },
          {
            key: 'promised',
            label: t('records.promised'),
            span: 2,
            children: (
              <Space size={6}>
                {when(c.promisedDeadline)}
                {overdue && <Tag color="red">{t('records.pastDeadline')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </section>
  );
}

function WorkOrders({ rows }: { rows: WorkOrderRecord[] }) {
  const { t, lang } = useI18n();
  return (
    <RecordTable<WorkOrderRecord>
      title={t('records.workOrders')}
      rows={rows}
      columns={[
        { key: 'id', title: t('records.number'), render: (_, w) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{w.id}</Typography.Text> },
        { key: 'kind', title: t('records.serviceKind'), render: (_, w) => `${w.serviceKind} · ${w.mode}` },
        { key: 'engineer', title: t('records.engineer'), render: (_, w) => w.engineerName ?? w.engineerId ?? '—' },
        { key: 'appointment', title: t('records.appointment'), render: (_, w) => formatDateTime(w.appointmentAt, lang) },
        { key: 'due', title: t('records.finishBy'), render: (_, w) => formatDateTime(w.dueAt, lang) },
        {
          key: 'warranty',
          title: t('records.warranty'),
          render: (_, w) => <Tag color={w.inWarranty ? 'green' : 'gold'}>{w.inWarranty ? t('records.inWarranty') : t('records.outOfWarranty')}</Tag>,
        },
        { key: 'fee', title: t('records.fee'), align: 'right', render: (_, w) => `¥${w.fee.toFixed(2)}` },
        { key: 'status', title: t('records.status'), render: (_, w) => <Tag>{t(`records.workOrder.${w.status}` as MessageKey)}</Tag> },
      ]}
    />
  );
}

const SERVQUAL = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy', 'recovery'] as const;

function Callbacks({ rows }: { rows: CallbackRecord[] }) {
  const { t, lang } = useI18n();
  return (
    <RecordTable<CallbackRecord>
      title={t('records.callbacks')}
      rows={rows}
      columns={[
        { key: 'at', title: t('records.at'), render: (_, r) => formatDateTime(r.at, lang) },
        { key: 'method', title: t('records.method'), dataIndex: 'method' },
        {
          key: 'satisfaction',
          title: t('records.satisfaction'),
          render: (_, r) => (r.satisfaction === null ? '—' : <Rate disabled count={5} value={r.satisfaction} style={{ fontSize: 12 }} aria-label={`${r.satisfaction}/5`} />),
        },
        ...SERVQUAL.map((d) => ({ key: d, title: t(`records.servqual.${d}` as MessageKey), render: (_: unknown, r: CallbackRecord) => r.servqual[d] ?? '—' })),
        { key: 'comments', title: t('records.comments'), render: (_, r) => r.comments ?? '—' },
      ]}
    />
  );
}

const NOTICE_STATUS_COLOR: Record<string, string> = { sent: 'green', pending: 'blue', failed: 'red' };

/** 客户通知: what the customer was told, how, and whether it went out (a phone notice waits for an agent's call). */
function CustomerNotifications({ rows }: { rows: CustomerNotificationRecord[] }) {
  const { t, lang } = useI18n();
  return (
    <RecordTable<CustomerNotificationRecord>
      title={t('records.customerNotifications')}
      rows={rows}
      columns={[
        { key: 'at', title: t('records.notice.at'), render: (_, n) => formatDateTime(n.createdAt, lang) },
        { key: 'channel', title: t('records.notice.channel'), render: (_, n) => `${n.channel === 'email' ? t('records.byEmail') : t('records.byPhone')} · ${n.recipient ?? '—'}` },
        { key: 'body', title: t('records.message'), render: (_, n) => n.body },
        {
          key: 'status',
          title: t('records.status'),
          render: (_, n) => (
            <Tag color={NOTICE_STATUS_COLOR[n.status] ?? 'default'}>
              {n.channel === 'phone' && n.status === 'pending' ? t('records.notice.toPhone') : t(`records.notice.${n.status}` as MessageKey)}
            </Tag>
          ),
        },
      ]}
    />
  );
}

/** One kind of record as a titled, compact table (派工单, 回访, 客户通知). */
function RecordTable<T extends { id: string | number }>({ title, rows, columns }: { title: string; rows: T[]; columns: ColumnsType<T> }) {
  return (
    <section aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      <Table<T> size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={rows} columns={columns} />
    </section>
  );
}
