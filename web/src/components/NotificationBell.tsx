import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Popover, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../contract';
import { useMarkNotificationsRead } from '../api/useMarkNotificationsRead.mutation';
import { useNotifications } from '../api/useNotifications.query';
import { useI18n } from '../i18n/I18nProvider';
import { describeError } from '../lib/problems';
import { useIsPhone } from '../lib/useIsPhone';
import { caseHref } from '../pages/Cases/caseLinks';
import { taskHref } from '../pages/Task/taskLinks';
import { RelativeTime } from './RelativeTime';
import { noticeTitle } from '../lib/notices';
import { caseStatusLabel } from './outcomes';
import { LazyDrawer } from './LazyDrawer';

/** Where a notification leads: its task, else its case. */
export const notificationHref = (n: Pick<Notification, 'taskId' | 'caseId'>) => (n.taskId ? taskHref(n.taskId) : n.caseId ? caseHref(n.caseId) : null);

/** The header's bell: unread count (polled every 15 s), the latest 20, click to read and go there, 全部已读. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = list.data?.unread ?? 0;
  const phone = useIsPhone();

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const href = notificationHref(n);
    setOpen(false);
    if (href) navigate(href);
  };

  const readAll = (
    <Button size="small" type="link" disabled={unread === 0} loading={markRead.isPending && markRead.variables === undefined} onClick={() => markRead.mutate(undefined)}>
      {t('bell.readAll')}
    </Button>
  );
  const content = (
    <div className={phone ? 'sw-bell-panel sw-bell-panel-phone' : 'sw-bell-panel'}>
      {/* On a phone the drawer's own header carries the title and 全部已读. */}
      {!phone && (
        <div className="sw-bell-head">
          <Typography.Text strong>{t('bell.title')}</Typography.Text>
          {readAll}
        </div>
      )}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : list.isError && !list.data ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={describeError(list.error, t)} action={<Button size="small" onClick={() => void list.refetch()}>{t('common.retry')}</Button>} />
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <ul className="sw-bell-list" aria-label={t('bell.title')}>
          {list.data.items.map((n) => (
            <li key={n.id}>
              <button type="button" className={n.readAt ? 'sw-bell-item' : 'sw-bell-item sw-bell-unread'} onClick={() => openOne(n)}>
                <span className="sw-bell-dot" aria-hidden />
                <span className="sw-bell-text">
                  <span className="sw-bell-title">
                    {!n.readAt && <span className="sw-visually-hidden">{t('bell.unreadMark')}</span>}
                    {noticeTitle(n, t, (s) => caseStatusLabel(t, s))}
                  </span>
                  {n.body && <span className="sw-bell-body">{n.body}</span>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <RelativeTime iso={n.createdAt} />
                  </Typography.Text>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {markRead.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={describeError(markRead.error, t)} />}
    </div>
  );

  const bell = (
    <Badge count={unread} size="small" overflowCount={99}>
      <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={unread ? t('bell.ariaUnread', { n: unread }) : t('bell.aria')} aria-haspopup="dialog" aria-expanded={open} onClick={phone ? () => setOpen(true) : undefined} />
    </Badge>
  );
  // A popover beside the bell does not fit a phone: there the notices take the screen.
  if (phone) {
    return (
      <>
        {bell}
        <LazyDrawer placement="right" size="100%" open={open} onClose={() => setOpen(false)} title={t('bell.title')} extra={readAll} styles={{ body: { padding: 12 } }}>
          {content}
        </LazyDrawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      {bell}
    </Popover>
  );
}
