import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import type { BulkItemResult } from '../../../contract';
import { chunk, runInChunks, type BulkItem } from './bulk';

const items = (n: number): BulkItem[] => Array.from({ length: n }, (_, i) => ({ taskId: `c${i}/Approve/1`, outcome: 'approve' }));

describe('bulk completion in chunks', () => {
  it('splits into chunks of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 20)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow();
  });

  it('sends 45 items as 20 + 20 + 5 and reports progress after each request', async () => {
    const sizes: number[] = [];
    const progress: Array<[number, number]> = [];
    const results = await runInChunks(
      items(45),
      20,
      async (part) => {
        sizes.push(part.length);
        return part.map((i): BulkItemResult => ({ taskId: i.taskId, ok: true, status: 200 }));
      },
      (done, total) => progress.push([done, total]),
    );
    expect(sizes).toEqual([20, 20, 5]);
    expect(progress).toEqual([[0, 45], [20, 45], [40, 45], [45, 45]]);
    expect(results.map((r) => r.taskId)).toEqual(items(45).map((i) => i.taskId));
  });

  it('marks a failed request per item, keeps going, and fills in items the server left out', async () => {
    let call = 0;
    const results = await runInChunks(items(5), 2, async (part) => {
      call++;
      if (call === 1) throw new ApiError(403, { title: 'Forbidden', detail: 'not your unit' });
      if (call === 2) return [{ taskId: part[0]!.taskId, ok: false, status: 409, detail: 'not open' }];
      return part.map((i) => ({ taskId: i.taskId, ok: true, status: 200 }));
    });
    expect(results.map((r) => [r.ok, r.status, r.detail])).toEqual([
      [false, 403, 'not your unit'],
      [false, 403, 'not your unit'],
      [false, 409, 'not open'],
      [false, 0, 'no result returned'],
      [true, 200, undefined],
    ]);
  });
});
