import { describe, expect, it } from 'vitest';
import { ApiError } from './http';
import { createQueryClient } from './queryClient';

// The console's reads through its own query client: how often each kind of failure is asked.
describe('the query client', () => {
  const askedAfter = async (failure: unknown) => {
    const client = createQueryClient();
    let asked = 0;
    await client
      .fetchQuery({
        queryKey: ['x'],
        queryFn: () => {
          asked += 1;
          throw failure;
        },
        retryDelay: 0,
      })
      .catch(() => undefined);
    client.clear();
    return asked;
  };

  it('does not ask again what the API refused', async () => {
    for (const status of [400, 401, 403, 404, 409, 410, 422]) expect(await askedAfter(new ApiError(status, { code: 'x' })), String(status)).toBe(1);
  });

  it('asks once more after a failure that may pass', async () => {
    for (const status of [408, 429, 500, 503]) expect(await askedAfter(new ApiError(status, { code: 'x' })), String(status)).toBe(2);
    expect(await askedAfter(new TypeError('Failed to fetch'))).toBe(2);
  });
});
