import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { NotificationList } from '../../../contract';

/** `POST /api/notifications/read` `{ id }` for one, `{}` for all; the bell updates at once, then refetches. */
export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) => api<{ updated: number }>('/api/notifications/read', { method: 'POST', json: id ? { id } : {} }),
    onMutate: (id) => {
      const now = new Date().toISOString();
      qc.setQueryData<NotificationList>(queryKeys.notifications, (d) => {
        if (!d) return d;
        const items = d.items.map((n) => (!n.readAt && (!id || n.id === id) ? { ...n, readAt: now } : n));
        const newlyRead = d.items.filter((n) => !n.readAt && (!id || n.id === id)).length;
        return { items, unread: id ? Math.max(0, d.unread - newlyRead) : 0 };
      });
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
