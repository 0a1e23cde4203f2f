import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

/**
 * Whether a failed read is asked again: once, unless the API refused it. A refusal (4xx: not allowed, not found, bad
 * filter) says the same the second time, so asking again only showed the page's "no access" or "not found" a second
 * later (react-query's default waits 1 s before its retry). A timeout or too many requests (408, 429) may pass the
 * next time, as may a 5xx or a dropped connection.
 */
export function retryRead(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) return false;
  return failures < 1;
}

/** The console's one query client: every read follows retryRead unless it says otherwise. */
export const createQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: retryRead, refetchOnWindowFocus: true } } });
