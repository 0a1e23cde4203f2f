import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, fetchEarly, forgetEarly } from './http';
import { inboxRequests } from './inboxPrefetch';
import { normalizeParams, paramsFromSearch, toApiQuery } from './taskListParams';

// Requests started early (boot.ts, the sign-in) are what the first api() GET of the same path reads.

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('early requests', () => {
  it('are read once by the first GET of the same path; the next asks again', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(json({ n: 1 })).mockResolvedValueOnce(json({ n: 2 }));
    vi.stubGlobal('fetch', fetch);
    fetchEarly('/api/tasks/counts');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![1].headers).toEqual({ 'x-shouwen-request': '1', 'accept-language': 'zh-CN' });
    expect(await api('/api/tasks/counts')).toEqual({ n: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await api('/api/tasks/counts')).toEqual({ n: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keep a 401 as the answer (not signed in: asking again is one more refusal in the console); other refusals and failures are asked again', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json({ code: 'auth.required' }, 401))
      .mockResolvedValueOnce(json({ code: 'db.unavailable' }, 503))
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockImplementation(() => Promise.resolve(json({ ok: true })));
    vi.stubGlobal('fetch', fetch);
    expect(await fetchEarly('/api/session')).toBe(false);
    void fetchEarly('/api/cases');
    void fetchEarly('/api/views');
    await expect(api('/api/session')).rejects.toMatchObject({ status: 401 });
    expect(await api('/api/cases')).toEqual({ ok: true });
    expect(await api('/api/views')).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(5);
  });

  it('tell whether they succeeded, and are forgotten at sign-in (a refusal from before it no longer holds)', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(json({ code: 'auth.required' }, 401)).mockImplementation(() => Promise.resolve(json({ user: 'zj.cs_agent' })));
    vi.stubGlobal('fetch', fetch);
    expect(await fetchEarly('/api/tasks/counts')).toBe(false);
    forgetEarly();
    expect(await api('/api/tasks/counts')).toEqual({ user: 'zj.cs_agent' });
    expect(await fetchEarly('/api/session')).toBe(true);
  });

  it('are never read by other paths or by requests that send something', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(json({ early: true })).mockImplementation(() => Promise.resolve(json({ early: false })));
    vi.stubGlobal('fetch', fetch);
    fetchEarly('/api/views');
    expect(await api('/api/views', { method: 'POST', json: { name: 'x' } })).toEqual({ early: false });
    expect(await api('/api/views?x=1')).toEqual({ early: false });
    expect(await api('/api/views')).toEqual({ early: true });
  });
});

describe('the inbox requests asked for early', () => {
  it('are the ones the inbox makes for its URL (useTasks words its first page this way)', () => {
    for (const search of ['', '?view=mine', '?view=group&sort=priority&q=%E5%BC%A0', '?status=completed&process=complaint']) {
      expect(inboxRequests({ pathname: '/tasks', search })).toEqual([`/api/tasks?${toApiQuery(normalizeParams(paramsFromSearch(search)), null)}`, '/api/tasks/counts']);
    }
    // `/` and /login show the inbox itself (with its filters) until the address becomes /tasks
    expect(inboxRequests({ pathname: '/', search: '?view=mine' })).toEqual(inboxRequests({ pathname: '/tasks', search: '?view=mine' }));
    expect(inboxRequests({ pathname: '/login', search: '' })).toEqual(inboxRequests({ pathname: '/tasks', search: '' }));
  });

  it('are none on any other page', () => {
    expect(inboxRequests({ pathname: '/cases', search: '' })).toEqual([]);
    expect(inboxRequests({ pathname: '/tasks/a%2Fb', search: '' })).toEqual([]);
  });
});
