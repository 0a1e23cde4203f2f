import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../api/http';
import type { ImportantDate, ImportantDateInput, ImportantDateList, ImportantDatePatch, TierRuleBoard, TierRuleChangeBody } from '../../../../contract';
import type { CreateCustomerInput, CustomerCard, CustomerChange, CustomerDistributionList, CustomerOverview, CustomerVisitList, Roster, TierHistory, Fee, FeeBody, ImportResult, Product, ProductBody, PurchaseInput, UpdateCustomerBody } from '../../../../contract';

// Customer master data's API (server/routes/customers.ts, master-data.ts), beside its screens.

const customerPath = (id: string, suffix = '') => `/api/customers/${encodeURIComponent(id)}${suffix}`;

export const useCustomerOverview = (id: string) =>
  useQuery({ queryKey: ['customers', 'overview', id], queryFn: ({ signal }) => api<CustomerOverview>(customerPath(id, '/overview'), { signal }) });

export const useCustomerChanges = (id: string) =>
  useQuery({ queryKey: ['customers', 'changes', id], queryFn: ({ signal }) => api<{ items: CustomerChange[]; masked: boolean }>(customerPath(id, '/changes'), { signal }) });

export const useCustomerDistributions = (id: string) =>
  useQuery({ queryKey: ['customers', 'distributions', id], queryFn: ({ signal }) => api<CustomerDistributionList>(customerPath(id, '/distributions'), { signal }) });

export const useCustomerVisits = (id: string) =>
  useQuery({ queryKey: ['customers', 'visits', id], queryFn: ({ signal }) => api<CustomerVisitList>(customerPath(id, '/visits'), { signal }) });

export const useCustomerTiers = (id: string) =>
  useQuery({ queryKey: ['customers', 'tiers', id], queryFn: ({ signal }) => api<TierHistory>(customerPath(id, '/tiers'), { signal }) });

export const useCustomerDates = (id: string) =>
  useQuery({ queryKey: ['customers', 'dates', id], queryFn: ({ signal }) => api<ImportantDateList>(customerPath(id, '/dates'), { signal }) });

/** 重要日期: add (no id), change or remove; the card's history changes with them, so every customer query is refreshed. */
export function useSaveCustomerDate(customerId: string) {
  const invalidate = useInvalidate('customers');
  return useMutation({
    mutationFn: ({ dateId, body }: { dateId?: string; body: ImportantDateInput | ImportantDatePatch }) =>
      dateId
        ? api<ImportantDate>(customerPath(customerId, `/dates/${encodeURIComponent(dateId)}`), { method: 'PATCH', json: body })
        : api<ImportantDate>(customerPath(customerId, '/dates'), { method: 'POST', json: body }),
    onSuccess: () => void invalidate(),
  });
}

export function useRemoveCustomerDate(customerId: string) {
  const invalidate = useInvalidate('customers');
  return useMutation({
    mutationFn: (dateId: string) => api<void>(customerPath(customerId, `/dates/${encodeURIComponent(dateId)}`), { method: 'DELETE' }),
    onSuccess: () => void invalidate(),
  });
}

export const useTierRules = () => useQuery({ queryKey: ['customers', 'tier-rules'], queryFn: ({ signal }) => api<TierRuleBoard>('/api/customers/tier-rules', { signal }) });

/** A tier's effects with a note; the roster shows the rules too, so every customer query is refreshed. */
export function useChangeTierRule() {
  const invalidate = useInvalidate('customers');
  return useMutation({
    mutationFn: ({ tier, body }: { tier: string; body: TierRuleChangeBody }) => api<TierRuleBoard['rules'][number]>(`/api/customers/tier-rules/${encodeURIComponent(tier)}`, { method: 'PUT', json: body }),
    onSuccess: () => void invalidate(),
  });
}

export type RosterTier = 'A' | 'B' | 'C' | 'D';
const rosterQuery = (tier: RosterTier | undefined) => (tier ? `tier=${tier}` : '');
export const useRoster = (tier: RosterTier | undefined) =>
  useQuery({ queryKey: ['customers', 'roster', tier ?? 'all'], queryFn: ({ signal }) => api<Roster>(`/api/customers/roster?${rosterQuery(tier)}`, { signal }) });
export const rosterExportHref = (tier: RosterTier | undefined, format: 'csv' | 'xlsx', lang: string) =>
  `/api/customers/roster/export?${rosterQuery(tier)}&format=${format}&lang=${lang}`;

export const useProducts = () => useQuery({ queryKey: ['catalog', 'products'], queryFn: ({ signal }) => api<{ items: Product[] }>('/api/products', { signal }).then((r) => r.items), staleTime: 60_000 });
export const useFees = () => useQuery({ queryKey: ['catalog', 'fees'], queryFn: ({ signal }) => api<{ items: Fee[] }>('/api/fee-schedule', { signal }).then((r) => r.items) });

function useInvalidate(prefix: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [prefix] });
}

export function useCreateCustomer() {
  const invalidate = useInvalidate('customers');
  // One key per dialog opening: a double click or a retried request makes one customer.
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateCustomerInput; key: string }) => api<CustomerCard>('/api/customers', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
    onSuccess: () => void invalidate(),
  });
}

export function useUpdateCustomer(id: string) {
  const invalidate = useInvalidate('customers');
  return useMutation({ mutationFn: (patch: UpdateCustomerBody) => api<CustomerCard>(customerPath(id), { method: 'PATCH', json: patch }), onSuccess: () => void invalidate() });
}

export function useRegisterPurchase(customerId: string) {
  const invalidate = useInvalidate('customers');
  return useMutation({
    mutationFn: ({ body, key }: { body: PurchaseInput; key: string }) =>
      api<{ followUpCaseId: string | null; created: boolean }>(customerPath(customerId, '/purchases'), { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
    onSuccess: () => void invalidate(),
  });
}

export function useSaveProduct() {
  const invalidate = useInvalidate('catalog');
  return useMutation({ mutationFn: (p: ProductBody) => api<Product>(`/api/products/${encodeURIComponent(p.id)}`, { method: 'PUT', json: p }), onSuccess: () => void invalidate() });
}

export function useSaveFee() {
  const invalidate = useInvalidate('catalog');
  return useMutation({ mutationFn: (f: FeeBody) => api<Fee>('/api/fee-schedule', { method: 'PUT', json: f }), onSuccess: () => void invalidate() });
}

export type ImportKind = 'products' | 'fees' | 'purchases';

export function useImport(kind: ImportKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return api<ImportResult>(`/api/imports/${kind}`, { method: 'POST', json: { fileName: file.name, contentBase64: btoa(binary) } });
    },
    onSuccess: () => void Promise.all([client.invalidateQueries({ queryKey: ['catalog'] }), client.invalidateQueries({ queryKey: ['customers'] })]),
  });
}

export const newKey = idempotencyKey;
