import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Modal, Table, Tag, Timeline, Typography } from 'antd';
import { SETS_LEGAL_HOLD } from '../../../../policy/archives';
import { useNavigate, useParams } from 'react-router';
import { useStartCase } from '../../api/useStartCase.mutation';
import { useProcesses, useProcessName } from '../../api/useProcesses.query';
import { useSession } from '../../api/hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { describeError } from '../../lib/problems';
import { isReadOnlyUser } from '../../lib/roles';
import { formatDateTime } from '../../lib/time';
import { caseHref } from '../Cases/caseLinks';
import { LevelTag } from '../Customers/levels';
import { QueryState } from '../QueryState';
import { ArchiveStatusTag } from './ArchiveStatusTag';
import { useArchive, useLegalHold } from './archivesApi';
import { ArchiveRecords } from './ArchiveRecords';

/** One archive: its register entry, content (withheld above the reader's level), 借阅台账 and history; 申请借阅 starts archive-borrow. */
export function ArchivePage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const archive = useArchive(id);
  const processes = useProcesses();
  const processName = useProcessName();
  const start = useStartCase();
  const a = archive.data;
  const hold = useLegalHold(id);
  const [holdReason, setHoldReason] = useState<string | null>(null);
  // Offered to 客服经理; whether this one is over the archive's unit is the API's call (403 worded below).
  const mayHold = a && a.status !== 'destroyed' && session.data && !isReadOnlyUser(session.data) && session.data.roles.some((r) => (SETS_LEGAL_HOLD as readonly string[]).includes(r.role));
  const submitHold = () =>
    a && holdReason?.trim() && hold.mutate({ hold: !a.legalHold, reason: holdReason.trim() }, { onSuccess: () => setHoldReason(null) });
  const canBorrow = a && a.status === 'in_stock' && !a.masked && session.data && !isReadOnlyUser(session.data) && processes.data?.some((p) => p.key === 'archive-borrow');
  const borrow = () =>
    a && start.mutate({ processKey: 'archive-borrow', title: `${t('archives.borrow')} ${a.id}`, variables: { archiveId: a.id } }, { onSuccess: (r) => void navigate(caseHref(r.id)) });
  return (
    <QueryState isPending={archive.isPending} error={archive.error} onRetry={() => void archive.refetch()}>
      {a && (
        <Flex vertical gap={16}>
          <Card
            title={`${t('archives.id')} ${a.id}`}
            extra={
              <Flex gap={8}>
                {mayHold && <Button danger={!a.legalHold} onClick={() => setHoldReason('')}>{t(a.legalHold ? 'archives.legalHold.lift' : 'archives.legalHold.set')}</Button>}
                {canBorrow && <Button type="primary" loading={start.isPending} onClick={borrow}>{t('archives.borrow')}</Button>}
              </Flex>
            }
          >
            <Modal
              open={holdReason !== null}
              title={t(a.legalHold ? 'archives.legalHold.lift' : 'archives.legalHold.set')}
              okButtonProps={{ disabled: !holdReason?.trim(), loading: hold.isPending }}
              onOk={submitHold}
              onCancel={() => setHoldReason(null)}
            >
              {hold.error && <Alert type="error" showIcon message={describeError(hold.error, t)} style={{ marginBottom: 12 }} />}
              <Typography.Text>{t('archives.legalHold.reason')}</Typography.Text>
              <Input.TextArea value={holdReason ?? ''} maxLength={500} onChange={(ev) => setHoldReason(ev.target.value)} />
            </Modal>
            {a.legalHold && <Alert type="warning" showIcon message={t('archives.legalHold.on', { reason: a.legalHoldReason ?? '' })} style={{ marginBottom: 12 }} />}
            {start.error && <Alert type="error" showIcon message={describeError(start.error, t)} style={{ marginBottom: 12 }} />}
            {a.masked && <Alert type="warning" showIcon message={t('archives.masked')} style={{ marginBottom: 12 }} />}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('archives.title')}>{a.title}</Descriptions.Item>
              <Descriptions.Item label={t('archives.customer')}>{a.customerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('archives.type')}>{processName(a.archiveType)}</Descriptions.Item>
              <Descriptions.Item label={t('archives.level')}><LevelTag level={a.confidentiality} /></Descriptions.Item>
              <Descriptions.Item label={t('archives.status')}>
                <ArchiveStatusTag status={a.status} />
                {a.legalHold && <Tag color="volcano">{t('archives.legalHold')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('archives.unit')}>{a.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('archives.location')}>{a.location}</Descriptions.Item>
              <Descriptions.Item label={t('archives.retention')}>{t('archives.retentionYears', { years: a.retentionYears })}</Descriptions.Item>
              <Descriptions.Item label={t('archives.expiresOn')}>{a.expiresOn}</Descriptions.Item>
              <Descriptions.Item label={t('archives.createdAt')}>{formatDateTime(a.createdAt, lang)}</Descriptions.Item>
              {a.caseId && (
                <Descriptions.Item label={t('archives.case')}>
                  <Typography.Link onClick={() => void navigate(caseHref(a.caseId!))}>{a.sourceBusinessKey ?? a.caseId}</Typography.Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {!a.masked && Object.keys(a.records).length > 0 && <ArchiveRecords archive={a} />}
          {a.destruction && (
            <Card title={t('archives.destruction')} size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('archives.destruction.id')}>{a.destruction.id}</Descriptions.Item>
                <Descriptions.Item label={t('archives.destruction.at')}>{formatDateTime(a.destruction.destroyedAt, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('archives.destruction.method')}>{t(`archives.destruction.method.${a.destruction.method}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('archives.destruction.witness')}>{a.destruction.witness ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('archives.case')}>
                  <Typography.Link onClick={() => void navigate(caseHref(a.destruction!.caseId))}>{a.destruction.caseId.split('/').pop()}</Typography.Link>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          <Card title={t('archives.loans')} size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={a.loans}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { key: 'id', title: t('archives.loan.id'), render: (_, l) => <Typography.Link onClick={() => void navigate(caseHref(l.caseId))}>{l.id}</Typography.Link> },
                { key: 'borrower', title: t('archives.loan.borrower'), render: (_, l) => l.borrowerName ?? l.borrowerId ?? '—' },
                { key: 'department', title: t('archives.loan.department'), render: (_, l) => l.department ?? '—' },
                { key: 'purpose', title: t('archives.loan.purpose'), dataIndex: 'purpose' },
                { key: 'due', title: t('archives.loan.dueOn'), dataIndex: 'dueOn' },
                { key: 'lent', title: t('archives.loan.lentAt'), render: (_, l) => formatDateTime(l.lentAt, lang) },
                {
                  key: 'returned',
                  title: t('archives.loan.returnedAt'),
                  render: (_, l) => (l.returnedAt ? `${formatDateTime(l.returnedAt, lang)}${l.returnIntact === false ? ' ✗' : ` · ${t('archives.loan.intact')}`}` : t('archives.loan.notReturned')),
                },
              ]}
            />
          </Card>
          <Card title={t('archives.history')} size="small">
            <Timeline
              items={a.history.map((h) => ({
                children: `${formatDateTime(h.at, lang)} · ${t(`archives.event.${h.kind}` as MessageKey)}${h.actorName ? ` · ${h.actorName}` : ''}`,
              }))}
            />
          </Card>
        </Flex>
      )}
    </QueryState>
  );
}
