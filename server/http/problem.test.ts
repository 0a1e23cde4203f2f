import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conflict, registerProblemHandling } from './problem';

async function app() {
  const a = Fastify().withTypeProvider<ZodTypeProvider>();
  a.setValidatorCompiler(validatorCompiler);
  a.setSerializerCompiler(serializerCompiler);
  registerProblemHandling(a);
  a.post('/things/:id', { schema: { params: z.object({ id: z.coerce.number().int() }), body: z.object({ name: z.string().min(2), tags: z.array(z.string()) }) } }, async () => ({ ok: true }));
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
    const res = await (await app()).inject({ method: 'POST', url: '/things/7', payload: { name: 'x', tags: ['a', 3] } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = res.json();
    expect(body).toMatchObject({ type: 'about:blank', status: 400, title: 'Bad Request', instance: '/things/7' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.tags.1']);
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
    const c = await a.inject({ method: 'GET', url: '/conflict' });
    expect(c.statusCode).toBe(409);
    expect(c.json()).toMatchObject({ title: 'Conflict', detail: 'Task T1 is already completed.' });
    const b = await a.inject({ method: 'GET', url: '/boom' });
    expect(b.statusCode).toBe(500);
    expect(b.body).not.toContain('secret internals');
  });

  it('answers unknown routes and malformed JSON as problems', async () => {
    const a = await app();
    const nf = await a.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().detail).toBe('No route GET /nowhere');
    const bad = await a.inject({ method: 'POST', url: '/things/1', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a database timeout with 503 db.timeout and Retry-After, not 500', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/db-slow' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ status: 503, code: 'db.timeout' });
    expect(res.body).not.toContain('canceling statement');
  });
});
