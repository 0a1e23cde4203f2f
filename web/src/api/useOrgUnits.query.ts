import { useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '../../../contract';
import type { Lang } from '../i18n/messages';
import { api } from './http';

// Their own module (not the 用户管理 page's usersApi and userForm): the header's search names units too.

/** The org tree rarely changes: fetched once per session. */
export const useOrgUnits = () =>
  useQuery({ queryKey: ['org-units'], queryFn: ({ signal }) => api<{ items: OrgUnit[] }>('/api/org-units', { signal }).then((r) => r.items), staleTime: Infinity });

/** A unit's name in the reader's language; `fallback` (its id, say) when it is not known. */
export const unitName = (unit: OrgUnit | undefined, lang: Lang, fallback = ''): string => (unit ? (lang === 'en' ? unit.nameEn : unit.name) : fallback);
