import { AlertOutlined, AuditOutlined, CalendarOutlined, CheckSquareOutlined, FolderOpenOutlined, NodeIndexOutlined, TeamOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/hooks';
import type { SignedInUser } from '../../../contract';
import { NotificationBell } from '../components/NotificationBell';
import { useI18n } from '../i18n/I18nProvider';
import { canManageCalendar, canManageUsers, canResolveIncidents } from '../lib/roles';
import { useIncidents } from '../api/useIncidents.query';

export function AppLayout({ user }: { user: SignedInUser }) {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const watchesIncidents = canResolveIncidents(user) || user.capabilities.readAll;
  const incidents = useIncidents(watchesIncidents);
  const first = location.pathname.split('/')[1] ?? 'tasks';
  // /admin/… pages are keyed by their first two segments.
  const selected = first === 'admin' ? location.pathname.split('/').slice(0, 3).join('/') : `/${first}`;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', borderBottom: '1px solid #eef0f4' }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.name')} <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('app.tagline')}</Typography.Text>
        </Typography.Title>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ flex: 1, borderBottom: 'none' }}
          onClick={(e) => navigate(e.key)}
          items={[
            { key: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.inbox') },
            { key: '/processes', icon: <NodeIndexOutlined />, label: t('nav.processes') },
            { key: '/cases', icon: <FolderOpenOutlined />, label: t('nav.cases') },
            { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
            // 故障: those who resolve incidents (process owners) or oversee everything (auditors), with how many wait.
            ...(watchesIncidents
              ? [
                  {
                    key: '/incidents',
                    icon: <AlertOutlined />,
                    label: (
                      <Badge count={incidents.data?.items.length ?? 0} size="small" offset={[8, -2]}>
                        {t('nav.incidents')}
                      </Badge>
                    ),
                  },
                ]
              : []),
            // Everyone may read the calendar at /calendar; only admins maintain it, so only they get the entry.
            ...(canManageCalendar(user) ? [{ key: '/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') }] : []),
            // 用户管理 is for admins only (the API refuses everyone else).
            ...(canManageUsers(user) ? [{ key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') }] : []),
          ]}
        />
        <Space>
          <NotificationBell />
          <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />
          <Typography.Text>{user.displayName}</Typography.Text>
          <Button size="small" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t('user.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
