import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Input, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/hooks';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { isAdminRole } from '../../../../policy/roles';
import { canManageUsers, ROLE_CODES, type RoleCode } from '../../lib/roles';
import { QueryState } from '../QueryState';
import { PasswordModal } from './PasswordModal';
import { UnitWebhooks } from './UnitWebhooks';
import { UserDrawer } from './UserDrawer';
import { renderUnitOption } from './unitOption';
import { unitName, useOrgUnits } from '../../api/useOrgUnits.query';
import { unitOptions } from './userForm';
import { useAdminUsers, useUpdateUser, type AdminUser } from './usersApi';

const PAGE_SIZE = 50;

/**
 * 用户管理 `/admin/users?q=&unitId=&role=&disabled=1&page=`: admins find users, create and edit
 * them (roles per unit), disable / enable them and set passwords. The API refuses everyone else.
 */
export function UsersPage() {
  const { t, lang } = useI18n();
  const session = useSession().data;
  const [search, setSearch] = useSearchParams();
  const role = search.get('role');
  const tab = search.get('tab') === 'webhooks' ? 'webhooks' : 'users';
  const params = useMemo(
    () => ({
      q: search.get('q') ?? undefined,
      unitId: search.get('unitId') ?? undefined,
      role: role && (ROLE_CODES as readonly string[]).includes(role) ? (role as RoleCode) : undefined,
      includeDisabled: search.get('disabled') === '1',
      limit: PAGE_SIZE,
      offset: (Math.max(1, Number(search.get('page')) || 1) - 1) * PAGE_SIZE,
    }),
    [search, role],
  );
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setSearch(next, { replace: true });
  };
  const users = useAdminUsers(params);
  const units = useOrgUnits();
  const unitById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  // Reached by URL without the menu entry: the API would answer 403 to everything here.
  if (!canManageUsers(session)) return <Alert type="warning" showIcon title={t('users.adminsOnly')} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'webhooks' ? key : undefined)}
        items={[
          { key: 'users', label: t('users.tab') },
          { key: 'webhooks', label: t('webhooks.tab') },
        ]}
        style={{ marginBottom: -16 }}
      />
      {tab === 'webhooks' && <UnitWebhooks units={units.data ?? []} />}
      {tab === 'users' && (
      <Card
        title={
          <Flex gap={8} wrap align="center" style={{ padding: '8px 0' }}>
            <Input.Search
              allowClear
              style={{ width: 260 }}
              placeholder={t('users.search')}
              aria-label={t('users.search')}
              defaultValue={params.q}
              onSearch={(v) => setParam('q', v.trim() || undefined)}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('users.allUnits')}
              aria-label={t('users.unit')}
              value={params.unitId}
              onChange={(v?: string) => setParam('unitId', v)}
              options={unitOptions(units.data ?? [], lang)}
              optionRender={renderUnitOption}
              loading={units.isPending}
            />
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('users.allRoles')}
              aria-label={t('users.roles')}
              value={params.role}
              onChange={(v?: string) => setParam('role', v)}
              options={ROLE_CODES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <Space size={4}>
              <Switch size="small" checked={params.includeDisabled} onChange={(v) => setParam('disabled', v ? '1' : undefined)} aria-label={t('users.includeDisabled')} />
              <Typography.Text>{t('users.includeDisabled')}</Typography.Text>
            </Space>
          </Flex>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        }
      >
        <QueryState isPending={users.isPending} error={users.error} onRetry={() => void users.refetch()}>
          <Table<AdminUser>
            rowKey="id"
            size="small"
            loading={users.isFetching && !users.isPending}
            dataSource={users.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('users.empty')} /> }}
            pagination={{
              current: params.offset / PAGE_SIZE + 1,
              pageSize: PAGE_SIZE,
              total: users.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (n) => t('users.total', { n }),
              onChange: (page) => setParam('page', page > 1 ? String(page) : undefined),
            }}
            rowClassName={(u) => (u.disabled ? 'user-row-disabled' : '')}
            columns={[
              {
                title: t('users.username'),
                dataIndex: 'username',
                width: 230,
                render: (_, u) => (
                  <Space size={4}>
                    <Typography.Text code>{u.username}</Typography.Text>
                    {u.id === session?.id && <Tag>{t('users.self')}</Tag>}
                  </Space>
                ),
              },
              { title: t('users.displayName'), dataIndex: 'displayName', width: 180 },
              { title: t('users.unit'), render: (_, u) => unitName(unitById.get(u.unitId), lang, u.unitId), width: 160 },
              {
                title: t('users.roles'),
                render: (_, u) => (
                  <Flex gap={4} wrap>
                    {u.roles.map((r) => (
                      <Tag key={`${r.role}@${r.unitId}`} color={isAdminRole(r.role) ? 'red' : 'blue'}>
                        {t(`role.${r.role}`)} · {unitName(unitById.get(r.unitId), lang, r.unitId)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              { title: t('users.email'), render: (_, u) => u.email ?? '', width: 200 },
              {
                title: t('users.status'),
                width: 90,
                render: (_, u) => <Tag color={u.disabled ? 'default' : 'green'}>{u.disabled ? t('users.disabled') : t('users.active')}</Tag>,
              },
              {
                title: t('users.lastLogin'),
                width: 120,
                render: (_, u) => (u.lastLoginAt ? <RelativeTime iso={u.lastLoginAt} /> : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
              },
              {
                title: t('users.actions'),
                width: 260,
                render: (_, u) => (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} aria-label={`${t('users.edit')} ${u.displayName}`}>
                      {t('users.edit')}
                    </Button>
                    <DisableButton user={u} self={u.id === session?.id} />
                    <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)} aria-label={`${t('users.resetPassword')} ${u.displayName}`}>
                      {t('users.resetPassword')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </QueryState>
      </Card>
      )}
      {editing && <UserDrawer user={editing === 'new' ? null : editing} units={units.data ?? []} selfId={session?.id ?? ''} onClose={() => setEditing(null)} />}
      {resetting && <PasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}

function DisableButton({ user, self }: { user: AdminUser; self: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const update = useUpdateUser();
  const name = user.displayName;
  const toggle = () =>
    update.mutate(
      { id: user.id, patch: { disabled: !user.disabled } },
      {
        onSuccess: () => void message.success(t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { name })),
        onError: (err) => void message.error(describeError(err, t)),
      },
    );
  if (user.disabled) {
    return (
      <Popconfirm title={t('users.enableConfirm', { name })} onConfirm={toggle}>
        <Button size="small" icon={<UndoOutlined />} loading={update.isPending} aria-label={`${t('users.enable')} ${user.displayName}`}>
          {t('users.enable')}
        </Button>
      </Popconfirm>
    );
  }
  const button = (
    <Button size="small" danger icon={<StopOutlined />} disabled={self} loading={update.isPending} aria-label={`${t('users.disable')} ${user.displayName}`}>
      {t('users.disable')}
    </Button>
  );
  if (self) return <Tooltip title={t('users.selfDisable')}>{button}</Tooltip>;
  return (
    <Popconfirm title={t('users.disableConfirm', { name })} okButtonProps={{ danger: true }} onConfirm={toggle}>
      {button}
    </Popconfirm>
  );
}
