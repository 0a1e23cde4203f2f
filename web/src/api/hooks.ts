import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';
import type { Case, SessionUser, Task } from './types';

// crypto.randomUUID exists only in secure contexts; getRandomValues works over plain http too.
const idempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export const useSession = () =>
  useQuery({
    queryKey: ['session'],
    queryFn: () => api<{ user: SessionUser }>('/api/session').then((r) => r.user).catch(() => null),
    staleTime: 60_000,
  });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<{ user: SessionUser }>('/api/session', { method: 'POST', json: body }),
    onSuccess: (r) => qc.setQueryData(['session'], r.user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/session', { method: 'DELETE' }),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(['session'], null);
    },
  });
}

// Polling keeps the inbox fresh without a reload until push updates arrive.
export const useTasks = (status: 'open' | 'completed' | undefined) =>
  useQuery({
    queryKey: ['tasks', status ?? 'all'],
    queryFn: () => api<{ items: Task[] }>(`/api/tasks${status ? `?status=${status}` : ''}`).then((r) => r.items),
    refetchInterval: 5_000,
  });

export function useCompleteTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { taskId: string; outcome: 'approve' | 'reject'; comment?: string }) =>
      api<{ taskId: string }>(`/api/tasks/${encodeURIComponent(v.taskId)}/complete`, {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey() },
        json: { outcome: v.outcome, comment: v.comment || undefined },
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export const useCases = () =>
  useQuery({ queryKey: ['cases'], queryFn: () => api<{ items: Case[] }>('/api/cases').then((r) => r.items), refetchInterval: 5_000 });

export function useStartDemoCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api<{ id: string; businessKey: string }>('/api/cases', { method: 'POST', json: { processKey: 'demo-approval', title } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
