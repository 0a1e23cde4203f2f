import { AlertOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, CheckSquareOutlined, ContainerOutlined, FolderOpenOutlined, HomeOutlined, IdcardOutlined, MenuOutlined, NodeIndexOutlined, TableOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Popover, Segmented, Space, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/hooks';
import { INBOX_PATHS } from '../api/inboxPrefetch';
import type { SignedInUser } from '../../../contract';
import { GlobalSearch } from '../components/GlobalSearch';
import { NotificationBell } from '../components/NotificationBell';
import { useI18n } from '../i18n/I18nProvider';
import { canManageCalendar, canManageUsers, canReadReports, canResolveIncidents } from '../lib/roles';
import { useIncidents } from '../api/useIncidents.query';
import { useLiveEvents } from '../api/useLiveEvents';
import { useIsPhone } from '../lib/useIsPhone';
import { LazyDrawer } from '../components/LazyDrawer';

export function AppLayout({ user }: { user: SignedInUser }) {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const watchesIncidents = canResolveIncidents(user) || user.capabilities.readAll;
  const incidents = useIncidents(watchesIncidents);
  useLiveEvents();
  // `/` (and /login just after signing in) is the inbox until its address becomes /tasks (App's InboxRoute).
  const first = INBOX_PATHS.has(location.pathname) ? 'tasks' : (location.pathname.split('/')[1] ?? 'tasks');
  // /admin/… pages are keyed by their first two segments; the catalog belongs to 客户.
  const selected = first === 'admin' ? location.pathname.split('/').slice(0, 3).join('/') : first === 'catalog' ? '/customers' : `/${first}`;
  const phone = useIsPhone();
  const [menuOpen, setMenuOpen] = useState(false);
  const items: MenuProps['items'] = [
    { key: '/home', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.inbox') },
    { key: '/processes', icon: <NodeIndexOutlined />, label: t('nav.processes') },
    { key: '/decisions', icon: <TableOutlined />, label: t('nav.decisions') },
    { key: '/cases', icon: <FolderOpenOutlined />, label: t('nav.cases') },
    { key: '/customers', icon: <IdcardOutlined />, label: t('nav.customers') },
    { key: '/archives', icon: <ContainerOutlined />, label: t('nav.archives') },
    { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
    ...(canReadReports(user) ? [{ key: '/reports', icon: <BarChartOutlined />, label: t('nav.reports') }] : []),
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
  ];
  const language = <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')} options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />;
  const logoutButton = (
    <Button size="small" onClick={() => logout.mutate()} loading={logout.isPending}>
      {t('user.logout')}
    </Button>
  );

  // On a phone the header keeps what is used every minute (menu, name, bell); the rest waits in the drawer.
  if (phone) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="sw-header sw-header-phone">
          <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} aria-expanded={menuOpen} onClick={() => setMenuOpen(true)} />
          <Typography.Title level={4} style={{ margin: 0, flex: 1, whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </Typography.Title>
          <NotificationBell />
        </Layout.Header>
        <LazyDrawer placement="left" size={260} open={menuOpen} onClose={() => setMenuOpen(false)} title={user.displayName} styles={{ body: { padding: 0 } }}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            style={{ borderInlineEnd: 'none' }}
            onClick={(e) => {
              setMenuOpen(false);
              navigate(e.key);
            }}
            items={items}
          />
          <Space orientation="vertical" style={{ padding: 16 }}>
            <GlobalSearch width={228} />
            {language}
            {logoutButton}
          </Space>
        </LazyDrawer>
        <Layout.Content className="sw-content-phone">
          <Outlet />
        </Layout.Content>
      </Layout>
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', borderBottom: '1px solid #eef0f4' }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.name')} <Typography.Text type="secondary" className="sw-tagline" style={{ fontSize: 13 }}>{t('app.tagline')}</Typography.Text>
        </Typography.Title>
        {/* minWidth 0 lets the menu shrink below its content, so antd folds the entries that do not fit into "…" instead of widening the page. */}
        <Menu mode="horizontal" selectedKeys={[selected]} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} onClick={(e) => navigate(e.key)} items={items} />
        <Space style={{ flexShrink: 0 }}>
          <GlobalSearch width={200} />
          <NotificationBell />
          {/* Language and 退出登录 are used once a day: they wait behind the name, leaving the header to the menu. */}
          <Popover trigger="click" placement="bottomRight" content={<Space orientation="vertical" align="end">{language}{logoutButton}</Space>}>
            <Button type="text" className="sw-user-menu" icon={<UserOutlined />} title={user.displayName}>
              <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{user.displayName}</span>
            </Button>
          </Popover>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
