import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { uniqueTaskQueue } from '../helpers';
import { sharedStack } from '../shared-stack';

// How the API serves the built console: client routes get index.html (revalidated each time),
// hashed chunks are cached for good, and a chunk that is gone (a tab on the previous build)
// is a 404 — never index.html under a .js name, which the browser would refuse as a module.

describe('serving the console', () => {
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    const dist = await mkdtemp(join(tmpdir(), 'shouwen-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), 'export {};');
    // What web/vite.config.ts writes beside each chunk.
    await writeFile(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync('export {};'));
    db = createPool(sharedStack().databaseUrl, 1);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: uniqueTaskQueue('static') });
    app = await buildApp({ db, temporal, webDist: dist });
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
  });

  it('answers a client route with index.html that must be revalidated', async () => {
    const res = await app.inject({ method: 'GET', url: '/cases/complaint%2F1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('caches a hashed chunk for good', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the chunk gzipped to a browser that accepts it, as is to one that does not', async () => {
    const zipped = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toContain('javascript');
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe('export {};');
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('export {};');
  });

  it('says 404 for a chunk that no longer exists, and for unknown API paths', async () => {
    for (const url of ['/assets/TaskPage-old999.js', '/api/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
