import { useMutation } from '@tanstack/react-query';
import { runInChunks, type BulkItem } from '../lib/bulk';
import { api, idempotencyKey } from './http';
import type { BulkItemResult } from '../../../contract';
import { useTasksChanged } from './useTaskInvalidation';

/** Items per `POST /api/tasks/bulk-complete` request (the server accepts up to 100). */
export const BULK_CHUNK = 20;

/**
 * `POST /api/tasks/bulk-complete` in chunks of 20, reporting progress after each chunk. A chunk that fails as a
 * whole (network, 4xx/5xx) marks each of its items failed with the problem detail; later chunks still run.
 */
export function useBulkCompleteTasks() {
  const tasksChanged = useTasksChanged();
  return useMutation({
    mutationFn: ({ items, onProgress }: { items: BulkItem[]; onProgress?: (done: number, total: number) => void }) =>
      runInChunks(
        items,
        BULK_CHUNK,
        (chunk) =>
          api<{ results: BulkItemResult[] }>('/api/tasks/bulk-complete', {
            method: 'POST',
            headers: { 'idempotency-key': idempotencyKey() },
            json: { items: chunk },
          }).then((r) => r.results),
        onProgress,
      ),
    onSuccess: (results) => tasksChanged(results.filter((r) => r.ok).map((r) => r.taskId)),
    onError: () => tasksChanged(),
  });
}
