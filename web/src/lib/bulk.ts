import { ApiError } from '../api/http';
import type { BulkItemResult, CompleteTaskBody } from '../../../contract';

export type BulkItem = CompleteTaskBody & { taskId: string };

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be positive');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Sends `items` in sequential chunks and returns one result per item, in input order. A chunk whose request fails
 * yields a failure for each of its items; an item the server's answer leaves out counts as failed too.
 */
export async function runInChunks(
  items: readonly BulkItem[],
  size: number,
  send: (chunk: BulkItem[]) => Promise<BulkItemResult[]>,
  onProgress?: (done: number, total: number) => void,
): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  let done = 0;
  onProgress?.(0, items.length);
  for (const part of chunk(items, size)) {
    let answered: BulkItemResult[] | null = null;
    let failure: Pick<BulkItemResult, 'status' | 'detail' | 'code' | 'params'> | null = null;
    try {
      answered = await send(part);
    } catch (err) {
      failure = err instanceof ApiError ? { status: err.status, detail: err.message, ...(err.problem.code && { code: err.problem.code, params: err.problem.params }) } : { status: 0, detail: err instanceof Error ? err.message : String(err) };
    }
    const byId = new Map((answered ?? []).map((r) => [r.taskId, r]));
    for (const item of part) {
      results.push(byId.get(item.taskId) ?? { ...failure, taskId: item.taskId, ok: false, status: failure?.status ?? 0, detail: failure?.detail ?? 'no result returned', ...(!failure && { code: 'bulk.noResult' }) });
    }
    done += part.length;
    onProgress?.(done, items.length);
  }
  return results;
}
