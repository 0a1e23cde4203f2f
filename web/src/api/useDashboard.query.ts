import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { Dashboard } from '../../../contract';

/** `GET /api/dashboard`: the 首页's cards for the signed-in user; refreshed each minute while open. */
export const useDashboard = () =>
  useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => api<Dashboard>('/api/dashboard', { signal }), refetchInterval: 60_000, retry: false });
