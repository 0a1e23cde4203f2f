import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, login, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';

// Issue 11 §3: text PostgreSQL cannot store (NUL, lone surrogates) and absurd nesting used to
// reach workflows and projections — a task stuck "completing", a case started in Temporal but
// never recorded, activities retrying forever. The API now refuses them on every route.

interface Operation {
  method: string;
  path: string;
}

/** A JSON text nested `levels` deep, written out directly (JSON.stringify itself recurses). */
const deepJson = (levels: number) => `{"variables":${'{"v":'.repeat(levels)}"x"${'}'.repeat(levels)}}`;

describe('unstorable input is refused on every route', () => {
  const taskQueue = uniqueTaskQueue('unstorable');
  let stack: TestStack;
  let worker: RunningWorker;
  let admin: string;
  let agent: string;
  let manager: string;
  let operations: Operation[];

  beforeAll(async () => {
    worker = await startTestWorker(taskQueue);
    stack = await startTestApi(taskQueue);
    admin = await login(stack.app, 'admin');
    agent = await login(stack.app, 'zj.cs_agent');
    manager = await login(stack.app, 'zj.cs_manager');
    const spec = (await stack.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(async () => {
    await stack?.close();
    await worker?.stop();
  });

  const expectRefused = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, what: string) => {
    expect(res.statusCode, what).toBe(400);
    expect(String(res.headers['content-type']), what).toContain('application/problem+json');
    expect(res.json(), what).toMatchObject({ status: 400, code: 'input.unstorable' });
  };

  it('refuses a NUL or a lone surrogate in a path parameter, a query parameter or a body, and deep nesting, with a 400 naming where', async () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, 'x%00y');
      if (url !== op.path) expectRefused(await stack.app.inject({ method: op.method as 'GET', url, headers: { cookie: admin } }), `${op.method} ${url}`);
      const plain = op.path.replace(/\{[^}]+\}/g, 'anything');
      for (const q of ['q=%00', 'q=%ED%A0%80' /* a lone surrogate, percent-encoded as CESU */, 'view=a%00']) {
        const res = await stack.app.inject({ method: op.method as 'GET', url: `${plain}?${q}`, headers: { cookie: admin } });
        // Some decoders turn invalid UTF-8 into U+FFFD, which is storable: then whatever the route says, never a 5xx.
        if (q.includes('%00')) expectRefused(res, `${op.method} ${plain}?${q}`);
        else expect(res.statusCode, `${op.method} ${plain}?${q}`).toBeLessThan(500);
      }
      if (['POST', 'PUT', 'PATCH'].includes(op.method)) {
        for (const [name, payload] of [
          ['NUL', JSON.stringify({ title: 'a\u0000b', variables: { note: 'x' } })],
          ['lone surrogate', JSON.stringify({ title: 'ok', variables: { note: 'x\uD800' } })],
          ['NUL in a key', JSON.stringify({ variables: { 'k\u0000': 1 } })],
          ['5,000 levels', deepJson(5_000)],
        ] as const) {
          const res = await stack.app.inject({ method: op.method as 'POST', url: plain, headers: { cookie: admin, 'content-type': 'application/json' }, payload });
          expectRefused(res, `${op.method} ${plain} with ${name}`);
        }
      }
    }
  });

  it('never starts a case whose title or variables cannot be stored', async () => {
    const title = `空字符测试 ${Date.now()}`;
    for (const payload of [
      { processKey: 'demo-approval', title: `${title}\u0000` },
      { processKey: 'demo-approval', title, variables: { amount: 1, note: { deep: ['ok', 'bad\u0000'] } } },
    ]) {
      const res = await stack.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload });
      expectRefused(res, JSON.stringify(payload));
      expect(res.json().errors[0].path).toMatch(/^body\.(title|variables\.note\.deep\.1)$/);
    }
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM process_case WHERE title LIKE $1', [`${title}%`]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps a task open when its completion carries a NUL, and completes it once with clean data', async () => {
    const started = await stack.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'demo-approval', title: '空字符 完成测试' } });
    expect(started.statusCode).toBe(201);
    const caseId = started.json().id as string;
    const task = await eventually(async () => {
      const res = await stack.app.inject({ method: 'GET', url: '/api/tasks?status=open', headers: { cookie: manager } });
      return (res.json().items as Array<{ id: string; caseId: string }>).find((t) => t.caseId === caseId);
    }, 30_000, 'the approval task');

    const url = `/api/tasks/${encodeURIComponent(task.id)}/complete`;
    const poisoned = await stack.app.inject({ method: 'POST', url, headers: { cookie: manager }, payload: { outcome: 'approve', comment: '同意\u0000' } });
    expectRefused(poisoned, 'completion with a NUL comment');
    const stillOpen = await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}`, headers: { cookie: manager } });
    expect(stillOpen.json().task.status).toBe('open');

    const clean = await stack.app.inject({ method: 'POST', url, headers: { cookie: manager }, payload: { outcome: 'approve', comment: '同意' } });
    expect(clean.statusCode).toBe(200);
  });

  it('answers random input on every route of the OpenAPI document with a problem or a result, never a 5xx (fast-check)', async () => {
    // Signing out would only turn the rest into 401s. The live event stream answers 200 and never
    // ends by design (it takes no input; live-events.test.ts covers its refusals).
    const ops = operations.filter((op) => !(op.method === 'DELETE' && op.path === '/api/session') && !(op.method === 'GET' && op.path === '/api/events'));
    const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('%00', '%ff', '..%2f', 'C0001', 'x'.repeat(400), '-1', '1e999'));
    const query = fc.dictionary(fc.constantFrom('q', 'limit', 'cursor', 'status', 'view', 'sort', 'processKey', 'dueBefore', 'offset', 'unread'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), segment, query, fc.jsonValue({ maxDepth: 4 }), async (op, seg, q, body) => {
        const url = `${op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(seg))}?${new URLSearchParams(q).toString()}`;
        const withBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
        const res = await stack.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie: agent, ...(withBody ? { 'content-type': 'application/json' } : {}) },
          ...(withBody ? { payload: JSON.stringify(body) } : {}),
        });
        expect(res.statusCode, `${op.method} ${url} ${withBody ? JSON.stringify(body).slice(0, 200) : ''}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(String(res.headers['content-type'])).toContain('application/problem+json');
      }),
      { numRuns: 400 },
    );
  });

  it('answers a request that is not even valid HTTP (unencoded Chinese in the URL) with the same problem+json', async () => {
    // Node's HTTP parser refuses it before any route or hook (server/http/problem.ts clientErrorProblem).
    await stack.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (stack.app.server.address() as { port: number }).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(Buffer.concat([Buffer.from('GET /api/tasks?q='), Buffer.from('宁波港城'), Buffer.from(` HTTP/1.1\r\nHost: x\r\nCookie: ${manager}\r\n\r\n`)])),
      );
      let got = '';
      socket.on('data', (d) => (got += d.toString('utf8')));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('Content-Type: application/problem+json');
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ status: 400, title: '请求无效', code: 'request.malformed' });
    expect(body.params.reason).toMatch(/^HPE_/);
  });
});
