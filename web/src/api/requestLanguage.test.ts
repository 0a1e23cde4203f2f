import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './http';

// The server words problems in the language a request asks for; the console asks for its own,
// whatever the browser's Accept-Language says, so a problem it does not word itself (an unknown
// code, the server's detail) comes back in the language the user chose.

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

function withStoredLang(value: string | null) {
  const store = new Map<string, string>(value === null ? [] : [['shouwen.lang', value]]);
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
}

describe('every API request', () => {
  it.each([
    [null, 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['en', 'en'],
    ['fr', 'zh-CN'],
  ])('with the console in %s asks for %s', async (stored, expected) => {
    withStoredLang(stored);
    const fetch = vi.fn().mockResolvedValue(json({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    await api('/api/tasks/counts');
    await api('/api/tasks/t%2F1/complete', { method: 'POST', json: { outcome: 'approve' } });
    for (const [, init] of fetch.mock.calls) expect((init as RequestInit).headers).toMatchObject({ 'accept-language': expected, 'x-shouwen-request': '1' });
  });
});
