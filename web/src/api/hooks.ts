import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, forgetEarly } from './http';
import { prefetchInbox } from './inboxPrefetch';
import { queryKeys } from './queryKeys';
import type { SessionAnswer, SignedInUser } from '../../../contract';

// Session; every other endpoint has its own hook file (useTasks.query.ts, useStartCase.mutation.ts, …).

const sessionUser = (r: SessionAnswer): SignedInUser => ({ ...r.user, capabilities: r.capabilities });

export const useSession = () =>
  useQuery({
    queryKey: queryKeys.session,
    queryFn: () => api<SessionAnswer>('/api/session').then(sessionUser).catch(() => null),
    staleTime: 60_000,
  });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<SessionAnswer>('/api/session', { method: 'POST', json: body }),
    onSuccess: (r) => {
      // The inbox's first requests leave now, while the signed-in console renders its frame; the
      // answers kept from before the sign-in (refusals) are forgotten first.
      forgetEarly();
      prefetchInbox();
      qc.setQueryData(queryKeys.session, sessionUser(r));
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/session', { method: 'DELETE' }),
    onSuccess: () => {
      // Signed out first, so the app (watching the session query) shows the login page; then the
      // previous user's data goes. Clearing the whole cache first detached the app from the session
      // query, and it stayed on the signed-in screen with every request failing.
      qc.setQueryData(queryKeys.session, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    },
  });
}
