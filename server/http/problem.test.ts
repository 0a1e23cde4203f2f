import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { clientErrorProblem, conflict, registerProblemHandling } from './problem';
import { problemLanguage } from './problem-language';
import { resolveIncidentBodySchema } from '../../contract/incidents';

async function app() {
  const a = Fastify().withTypeProvider<ZodTypeProvider>();
  a.setValidatorCompiler(validatorCompiler);
  a.setSerializerCompiler(serializerCompiler);
  registerProblemHandling(a);
  a.post('/things/:id', { schema: { params: z.object({ id: z.coerce.number().int() }), body: z.object({ name: z.string().min(2), tags: z.array(z.string()) }) } }, async () => ({ ok: true }));
  a.post('/cancel', { schema: { body: resolveIncidentBodySchema } }, async () => ({ ok: true }));
  a.get('/conflict', async () => {
    throw conflict('Task T1 is already completed.', { code: 'task.notOpen', params: { taskId: 'T1', status: 'completed' } });
  });
  a.get('/db-slow', async () => {
    throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
  });
  a.get('/boom', async () => {
    throw new Error('secret internals');
  });
  await a.ready();
  return a;
}

describe('problem+json errors', () => {
  it('names every invalid field with its path', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/things/7', headers: { 'accept-language': 'en' }, payload: { name: 'x', tags: ['a', 3] } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = res.json();
    expect(body).toMatchObject({ type: 'about:blank', status: 400, title: 'Bad Request', instance: '/things/7' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.tags.1']);
  });

  it('words a refinement by its own reason (取消案例须说明原因), not as a bare 取值无效', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/cancel', payload: { action: 'cancel' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.comment', code: 'zod.custom', params: { reason: 'cancelNeedsComment' }, message: '取消案例须说明原因' }]);
    const en = await (await app()).inject({ method: 'POST', url: '/cancel', headers: { 'accept-language': 'en' }, payload: { action: 'cancel' } });
    expect(en.json().errors[0].message).toBe('cancelling a case needs a reason');
  });

  it('gives the request and each invalid field a code and the limits zod names, never the input itself', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/things/7', payload: { name: 'x', tags: ['a', 3] } });
    const body = res.json();
    expect(body.code).toBe('request.invalid');
    const byPath = Object.fromEntries(body.errors.map((e: { path: string }) => [e.path, e]));
    expect(byPath['body.name']).toMatchObject({ code: 'zod.too_small', params: { origin: 'string', minimum: 2 } });
    expect(byPath['body.tags.1']).toMatchObject({ code: 'zod.invalid_type', params: { expected: 'string' } });
    expect(JSON.stringify(byPath['body.name'].params)).not.toContain('"x"');
  });

  it('gives every problem it writes a code, the framework\'s own and unknown routes included', async () => {
    const a = await app();
    const answers = await Promise.all([
      a.inject({ method: 'GET', url: '/conflict' }),
      a.inject({ method: 'GET', url: '/boom' }),
      a.inject({ method: 'GET', url: '/nowhere' }),
      a.inject({ method: 'POST', url: '/things/1', headers: { 'content-type': 'application/json' }, payload: '{"name":' }),
    ]);
    expect(answers.map((r) => r.json().code)).toEqual(['task.notOpen', 'server.error', 'route.notFound', 'request.malformed']);
    expect(answers[0]!.json().params).toEqual({ taskId: 'T1', status: 'completed' });
  });

  it('says where a bad path parameter is', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/things/abc', payload: { name: 'ok', tags: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.id');
  });

  it('passes deliberate problems through and hides internals of bugs', async () => {
    const a = await app();
    const c = await a.inject({ method: 'GET', url: '/conflict', headers: { 'accept-language': 'en' } });
    expect(c.statusCode).toBe(409);
    expect(c.json()).toMatchObject({ title: 'Conflict', detail: 'Task T1 is already completed.' });
    const b = await a.inject({ method: 'GET', url: '/boom' });
    expect(b.statusCode).toBe(500);
    expect(b.body).not.toContain('secret internals');
  });

  it('answers unknown routes and malformed JSON as problems', async () => {
    const a = await app();
    const nf = await a.inject({ method: 'GET', url: '/nowhere?x=1', headers: { 'accept-language': 'en' } });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().detail).toBe('No route GET /nowhere');
    const bad = await a.inject({ method: 'POST', url: '/things/1', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    // In Chinese, what was wrong in words: the parser's code only in params.
    expect(bad.json()).toMatchObject({ detail: '提交的内容不是有效的 JSON。', code: 'request.malformed', params: { reason: 'FST_ERR_CTP_INVALID_JSON_BODY' } });
    const xml = await a.inject({ method: 'POST', url: '/things/1', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().detail).not.toMatch(/FST_|[A-Z]{3,}_/);
  });

  it('answers a database timeout with 503 db.timeout and Retry-After, not 500', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/db-slow' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ status: 503, code: 'db.timeout' });
    expect(res.body).not.toContain('canceling statement');
  });
});

describe('problem+json in the user language', () => {
  it('says a known code in Chinese by default: title by status, detail from the console catalog; code and params unchanged', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-language']).toBe('zh-CN');
    const body = res.json();
    expect(body).toMatchObject({ title: '冲突', code: 'task.notOpen', params: { taskId: 'T1', status: 'completed' } });
    expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(body.detail).not.toContain('already completed');
  });

  it('answers in English when Accept-Language prefers it, with the same code and params', async () => {
    const a = await app();
    for (const lang of ['en', 'en-US;q=0.9', 'fr, en;q=0.5, zh;q=0.1']) {
      const res = await a.inject({ method: 'GET', url: '/conflict', headers: { 'accept-language': lang } });
      expect(res.json(), lang).toMatchObject({ title: 'Conflict', detail: 'Task T1 is already completed.', code: 'task.notOpen', params: { taskId: 'T1', status: 'completed' } });
      expect(res.headers['content-language']).toBe('en');
    }
    const zh = await a.inject({ method: 'GET', url: '/conflict', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(zh.json().title).toBe('冲突');
  });

  it('words validation problems and each field in Chinese, keeping their paths, codes and params', async () => {
    const a = await app();
    const zh = (await a.inject({ method: 'POST', url: '/things/7', payload: { name: 'x', tags: ['a', 3] } })).json();
    expect(zh.title).toBe('请求无效');
    const byPath = Object.fromEntries(zh.errors.map((e: { path: string }) => [e.path, e]));
    expect(byPath['body.name']).toEqual({ path: 'body.name', code: 'zod.too_small', params: { origin: 'string', minimum: 2, inclusive: true }, message: '至少 2 个字符' });
    expect(byPath['body.tags.1']).toMatchObject({ code: 'zod.invalid_type', params: { expected: 'string' }, message: '应为文本' });
    expect(zh.detail).toContain('提交的内容有误');
    expect(zh.detail).toContain('name：至少 2 个字符');
    const en = (await a.inject({ method: 'POST', url: '/things/7', headers: { 'accept-language': 'en' }, payload: { name: 'x', tags: ['a', 3] } })).json();
    expect(en.title).toBe('Bad Request');
    expect(en.errors.map((e: { code: string }) => e.code).sort()).toEqual(zh.errors.map((e: { code: string }) => e.code).sort());
    expect(en.detail).toMatch(/^body\./);
  });

  it('gives unknown codes a Chinese title and keeps the server detail; unknown routes and bugs likewise in Chinese', async () => {
    const a = Fastify();
    registerProblemHandling(a);
    a.get('/odd', async () => {
      throw conflict('Something only the server can say.', { code: 'no.such.code' });
    });
    a.get('/boom', async () => {
      throw new Error('secret internals');
    });
    const odd = (await a.inject({ method: 'GET', url: '/odd' })).json();
    expect(odd).toMatchObject({ title: '冲突', detail: 'Something only the server can say.', code: 'no.such.code' });
    const nf = (await a.inject({ method: 'GET', url: '/nowhere' })).json();
    expect(nf).toMatchObject({ title: '未找到', detail: '没有这个接口。', code: 'route.notFound' });
    const boom = await a.inject({ method: 'GET', url: '/boom' });
    expect(boom.json()).toMatchObject({ title: '服务器错误', code: 'server.error' });
    expect(boom.body).not.toContain('secret internals');
  });

  it('words a too-large body in Chinese with the limit', async () => {
    const a = Fastify({ bodyLimit: 1024 * 1024 });
    registerProblemHandling(a);
    a.post('/up', async () => ({ ok: true }));
    const res = await a.inject({ method: 'POST', url: '/up', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'y'.repeat(1024 * 1024 + 10) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ title: '内容过大', detail: '提交的内容过大：此处最多接受 1 MB。', code: 'request.tooLarge', params: { megabytes: 1 } });
  });
});

describe('problemLanguage', () => {
  it('prefers English only when the header ranks it above Chinese', () => {
    expect(problemLanguage(undefined)).toBe('zh-CN');
    expect(problemLanguage('')).toBe('zh-CN');
    expect(problemLanguage('*')).toBe('zh-CN');
    expect(problemLanguage('en')).toBe('en');
    expect(problemLanguage('EN-gb')).toBe('en');
    expect(problemLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(problemLanguage('zh;q=0.5, en;q=0.9')).toBe('en');
    expect(problemLanguage('en;q=0, zh')).toBe('zh-CN');
    expect(problemLanguage('de, fr')).toBe('zh-CN');
  });
});

describe('problems written on the socket (requests Node could not parse)', () => {
  async function raw(request: string): Promise<{ head: string; body: Record<string, unknown> }> {
    const server = createServer(() => undefined);
    server.on('clientError', clientErrorProblem);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const got = await new Promise<string>((resolve, reject) => {
        const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.on('data', (d) => (text += d.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const at = got.indexOf('\r\n\r\n');
      return { head: got.slice(0, at), body: JSON.parse(got.slice(at + 4)) };
    } finally {
      server.close();
    }
  }

  it('answers in Chinese by default, in English when the raw request asks for it; the status line stays ASCII', async () => {
    const zh = await raw('GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(zh.head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(zh.head).toContain('Content-Language: zh-CN');
    expect(zh.body).toMatchObject({ status: 400, title: '请求无效', code: 'request.malformed' });
    // Office staff read words, not the parser's code (it stays in params.reason).
    expect(zh.body.detail).toBe('请求格式有误，服务器无法读取。');
    expect(zh.body).toMatchObject({ params: { reason: expect.stringMatching(/^HPE_/) } });
    const en = await raw('GET /a b c HTTP/1.1\r\nHost: x\r\nAccept-Language: en-US,en;q=0.9\r\n\r\n');
    expect(en.body).toMatchObject({ status: 400, title: 'Bad Request', code: 'request.malformed' });
    expect(String(en.body.detail)).toContain('not valid HTTP');
  });
});
