import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { Case, SessionUser } from './types';

// Session and cases; the inbox's hooks are one file per endpoint (useTasks.query.ts, useCompleteTask.mutation.ts, …).

export const useSession = () =>
  useQuery({
    queryKey: queryKeys.session,
    queryFn: () => api<{ user: SessionUser }>('/api/session').then((r) => r.user).catch(() => null),
    staleTime: 60_000,
  });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<{ user: SessionUser }>('/api/session', { method: 'POST', json: body }),
    onSuccess: (r) => qc.setQueryData(queryKeys.session, r.user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/session', { method: 'DELETE' }),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(queryKeys.session, null);
    },
  });
}

export const useCases = () =>
  useQuery({ queryKey: queryKeys.cases, queryFn: () => api<{ items: Case[] }>('/api/cases').then((r) => r.items), refetchInterval: 5_000 });

export function useStartDemoCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api<{ id: string; businessKey: string }>('/api/cases', { method: 'POST', json: { processKey: 'demo-approval', title } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.cases });
      void qc.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
}
