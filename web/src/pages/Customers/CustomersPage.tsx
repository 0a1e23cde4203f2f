import { OrderedListOutlined, PlusOutlined, SearchOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Customer } from '../../../../contract';
import { useSession } from '../../api/hooks';
import { useCustomers } from '../../api/useCustomers.query';
import { useI18n } from '../../i18n/I18nProvider';
import { useDebounced } from '../../lib/useDebounced';
import { useUnitName } from '../Cases/useUnitName';
import { QueryState } from '../QueryState';
import { CustomerFormModal } from './CustomerFormModal';
import { LevelTag } from './levels';

/** 客户: search the customers (masked ones show only their number), open one's 360 page, or create one. */
export function CustomersPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const unit = useUnitName();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 300);
  const customers = useCustomers(debounced);
  const [creating, setCreating] = useState(false);
  const canEdit = Boolean(session.data?.capabilities.editCustomers);
  return (
    <Card
      title={t('customers.title')}
      extra={
        // The catalog has no menu entry of its own (the header is full): it is reached from here.
        <Space>
          <Link to="/customers/roster">
            <OrderedListOutlined /> {t('roster.title')}
          </Link>
          <Link to="/catalog">
            <ShoppingOutlined /> {t('customers.catalog')}
          </Link>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Input allowClear prefix={<SearchOutlined />} placeholder={t('customers.search')} aria-label={t('customers.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 420 }} />
        <QueryState isPending={customers.isPending} error={customers.error} onRetry={() => void customers.refetch()}>
          <Table<Customer>
            rowKey="id"
            size="middle"
            dataSource={customers.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('customers.empty')} /> }}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/customers/${encodeURIComponent(c.id)}`) })}
            columns={[
              { key: 'id', title: t('customers.id'), render: (_, c) => <Typography.Text code>{c.id}</Typography.Text> },
              { key: 'name', title: t('customers.name'), render: (_, c) => <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link> },
              { key: 'tier', title: t('customers.tier'), render: (_, c) => <Tag>{c.tier}</Tag> },
              { key: 'unit', title: t('customers.unit'), render: (_, c) => unit(c.unitId) },
              { key: 'contact', title: t('customers.contactName'), render: (_, c) => c.contactName ?? '—' },
              { key: 'phone', title: t('customers.phone'), render: (_, c) => c.phone ?? '—' },
              { key: 'level', title: t('customers.confidentiality'), render: (_, c) => <LevelTag level={c.confidentiality} /> },
            ]}
          />
        </QueryState>
      </Flex>
      {creating && <CustomerFormModal onClose={(id) => (setCreating(false), id && navigate(`/customers/${encodeURIComponent(id)}`))} />}
    </Card>
  );
}
