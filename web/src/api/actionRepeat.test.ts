import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTION_REPEATS, api, ApiError } from './http';

// An approval sent while PostgreSQL restarts (503 db.timeout) or while its first attempt still runs
// (409 idempotency.in_progress) is repeated with the same Idempotency-Key instead of failing the
// approver's click; anything else, and any request without a key, fails at once as before.

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const dbTimeout = () => json({ status: 503, code: 'db.timeout' }, 503, { 'retry-after': '5' });
const action = { method: 'POST', headers: { 'idempotency-key': 'k-1' }, json: { outcome: 'approve' } };

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Runs `promise` to its end, letting the waits between attempts pass. */
async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const result = Promise.allSettled([promise]).then(([r]) => r!);
  await vi.runAllTimersAsync();
  return result;
}

describe('an action with an Idempotency-Key', () => {
  it('is repeated with the same key after 503 and 409 in-progress, and answers with the outcome', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(dbTimeout())
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(json({ code: 'idempotency.in_progress' }, 409, { 'retry-after': '1' }))
      .mockResolvedValueOnce(json({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    const r = await settle(api('/api/tasks/t%2F1/complete', action));
    expect(r).toEqual({ status: 'fulfilled', value: { ok: true } });
    expect(fetch).toHaveBeenCalledTimes(4);
    for (const [, init] of fetch.mock.calls) expect((init as RequestInit).headers).toMatchObject({ 'idempotency-key': 'k-1' });
  });

  it('gives up after its repeats with the last refusal', async () => {
    const fetch = vi.fn().mockImplementation(() => Promise.resolve(dbTimeout()));
    vi.stubGlobal('fetch', fetch);
    const r = await settle(api('/api/tasks/t%2F1/complete', action));
    expect(r.status).toBe('rejected');
    expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
    expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 503 });
    expect(fetch).toHaveBeenCalledTimes(1 + ACTION_REPEATS);
  });

  it('is not repeated after a refusal that is final (422, 409 of another kind)', async () => {
    for (const res of [json({ code: 'request.invalid' }, 422), json({ code: 'task.notOpen' }, 409)]) {
      const fetch = vi.fn().mockResolvedValueOnce(res);
      vi.stubGlobal('fetch', fetch);
      const r = await settle(api('/api/tasks/t%2F1/complete', action));
      expect(r.status).toBe('rejected');
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });
});

describe('a request without an Idempotency-Key', () => {
  it('fails at once on 503 (nothing guarantees a repeat runs only once)', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(dbTimeout());
    vi.stubGlobal('fetch', fetch);
    const r = await settle(api('/api/processes/validate', { method: 'POST', json: { xml: '<x/>' } }));
    expect(r.status).toBe('rejected');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
