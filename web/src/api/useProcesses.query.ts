import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api } from './http';
import { queryKeys } from './queryKeys';
import type { ProcessSummary } from '../../../contract';
import { useI18n } from '../i18n/I18nProvider';
import { processText } from '../lib/processNames';

/** `GET /api/processes` (latest version of each): the inbox's process filter options. */
export const useProcesses = () =>
  useQuery({
    queryKey: queryKeys.processes,
    queryFn: ({ signal }) => api<{ items: ProcessSummary[] }>('/api/processes', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

/**
 * `complaint` → 客户投诉管理流程: the process's name (of its latest version) where the console would
 * show its key. While the list loads it says … rather than the key (people read names, never ids;
 * a page that rendered before the list arrived showed `complaint`); `fallback` (a name the row
 * itself carries) comes before that. Only a key the loaded list lacks is shown as itself.
 */
export function useProcessName(): (processKey: string, fallback?: string | null) => string {
  const { t } = useI18n();
  const processes = useProcesses();
  // A process deployed without a name (its key stored as the name) reads 未命名流程（key）, not as the key.
  const names = useMemo(() => new Map((processes.data ?? []).map((p) => [p.key, processText(p.key, p.name, t)])), [processes.data, t]);
  const loaded = processes.data !== undefined;
  return useCallback((processKey: string, fallback?: string | null) => names.get(processKey) || fallback || (loaded ? processKey : '…'), [names, loaded]);
}

/** `complaint`, 2 → 客户投诉管理流程 v2. */
export function useProcessLabel(): (processKey: string, version: number) => string {
  const name = useProcessName();
  return useCallback((processKey: string, version: number) => `${name(processKey)} v${version}`, [name]);
}
