import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDayChange, CalendarYear } from '../../../../contract';
import { api } from '../../api/http';

// The business calendar's API (server/routes/calendar.ts): read by everyone, changed by admins.
// Kept beside its only screen rather than in api/, as nothing else in the console uses it.

const yearKey = (year: number) => ['calendar', year] as const;

/** `GET /api/calendar/days?year=`: every day of the year and why it is (not) a working day. */
export const useCalendarYear = (year: number) =>
  useQuery({ queryKey: yearKey(year), queryFn: ({ signal }) => api<CalendarYear>(`/api/calendar/days?year=${year}`, { signal }) });

/** `PUT /api/calendar/days` (admins): sets or replaces the given days. */
export function useSaveCalendarDays() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (days: CalendarDayChange[]) => api<{ saved: number }>('/api/calendar/days', { method: 'PUT', json: { days } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

/** `DELETE /api/calendar/days/:day` (admins): the national schedule applies to that day again. */
export function useDeleteCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => api<void>(`/api/calendar/days/${day}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calendar'] }),
  });
}
