import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

describe('API surface without a reachable Temporal', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Nothing listens on port 1: the API must still start and say Temporal is down.
    stack = await startTestApi(uniqueTaskQueue('surface'), '127.0.0.1:1');
  });
  afterAll(async () => stack?.close());

  it('answers /api/health with 503 naming what is down, without crashing', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'degraded', temporal: 'down', worker: 'down', database: 'up' });
  });

  it('serves the OpenAPI document generated from the zod schemas, and a browsable /api/docs', async () => {
    const spec = await stack.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const paths = Object.keys(spec.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/api/session', '/api/cases', '/api/tasks']));
    const docs = await stack.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
