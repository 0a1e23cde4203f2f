import { SearchOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Archive } from '../../../../contract';
import { useProcessName, useProcesses } from '../../api/useProcesses.query';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useDebounced } from '../../lib/useDebounced';
import { LevelTag } from '../Customers/levels';
import { QueryState } from '../QueryState';
import { ArchiveStatusTag } from './ArchiveStatusTag';
import { useArchives } from './archivesApi';

// The register's four states (contract/archives.ts ARCHIVE_STATUSES), in the seed's order.
const ARCHIVE_STATUSES = ['in_stock', 'on_loan', 'rectifying', 'destroyed'] as const;

/** 档案登记: the archives of the reader's units, filtered by status, type and text; masked by level. */
export function ArchivesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const processes = useProcesses();
  const processName = useProcessName();
  const [status, setStatus] = useState<string | undefined>();
  const [archiveType, setArchiveType] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 300);
  const archives = useArchives({ status, archiveType, q: debounced.trim() || undefined });
  const href = (a: Archive) => `/archives/${encodeURIComponent(a.id)}`;
  return (
    <Card title={t('archives.title')}>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Input allowClear prefix={<SearchOutlined />} placeholder={t('archives.search')} aria-label={t('archives.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 320 }} />
          <Select
            allowClear
            aria-label={t('archives.status')}
            placeholder={t('archives.status')}
            style={{ minWidth: 140 }}
            value={status}
            onChange={setStatus}
            options={ARCHIVE_STATUSES.map((s) => ({ value: s, label: t(`archives.status.${s}` as MessageKey) }))}
          />
          <Select
            allowClear
            aria-label={t('archives.type')}
            placeholder={t('archives.type')}
            style={{ minWidth: 180 }}
            value={archiveType}
            onChange={setArchiveType}
            options={(processes.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
          />
        </Flex>
        <QueryState isPending={archives.isPending} error={archives.error} onRetry={() => void archives.refetch()}>
          <Table<Archive>
            rowKey="id"
            size="middle"
            dataSource={archives.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('archives.empty')} /> }}
            onRow={(a) => ({ onDoubleClick: () => navigate(href(a)) })}
            columns={[
              { key: 'id', title: t('archives.id'), render: (_, a) => <Link to={href(a)}><Typography.Text code>{a.id}</Typography.Text></Link> },
              { key: 'title', title: t('archives.title'), render: (_, a) => a.title },
              { key: 'customer', title: t('archives.customer'), render: (_, a) => a.customerName ?? '—' },
              { key: 'type', title: t('archives.type'), render: (_, a) => processName(a.archiveType) },
              { key: 'level', title: t('archives.level'), render: (_, a) => <LevelTag level={a.confidentiality} /> },
              { key: 'location', title: t('archives.location'), dataIndex: 'location' },
              { key: 'expires', title: t('archives.expiresOn'), dataIndex: 'expiresOn' },
              { key: 'status', title: t('archives.status'), render: (_, a) => <ArchiveStatusTag status={a.status} /> },
            ]}
          />
        </QueryState>
      </Flex>
    </Card>
  );
}
