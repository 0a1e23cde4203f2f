import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import type { ScheduleInfo, ScheduleList } from '../../../contract';

const schedulesKey = (key: string) => ['processes', key, 'schedules'] as const;

/** `GET /api/processes/:key/schedules`: the timer start events' schedules, their next runs and change log. */
export const useProcessSchedules = (key: string) =>
  useQuery({
    queryKey: schedulesKey(key),
    queryFn: ({ signal }) => api<ScheduleList>(`/api/processes/${encodeURIComponent(key)}/schedules?count=5`, { signal }),
  });

/** `POST …/schedules/:id/pause` or `/resume` (process owners). */
export const useSetSchedulePaused = (key: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ startEventId, paused, note }: { startEventId: string; paused: boolean; note?: string }) =>
      api<ScheduleInfo>(`/api/processes/${encodeURIComponent(key)}/schedules/${encodeURIComponent(startEventId)}/${paused ? 'pause' : 'resume'}`, {
        method: 'POST',
        json: note ? { note } : {},
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: schedulesKey(key) }),
  });
};
