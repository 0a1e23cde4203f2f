import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import { pollInterval } from './liveEvents';
import { queryKeys } from './queryKeys';
import type { NotificationList } from '../../../contract';

/** How often the bell asks for news. */
export const NOTIFICATION_POLL_MS = 15_000;

/** `GET /api/notifications?limit=20`: the latest notifications and the unread count (the header's bell). */
export const useNotifications = () =>
  useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => api<NotificationList>('/api/notifications?limit=20', { signal }),
    refetchInterval: pollInterval(NOTIFICATION_POLL_MS),
  });
