import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { buildApp } from '../../server/app';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { sharedStack } from '../shared-stack';

// Issue 11 §5: neither the console nor the API sent security headers.

describe('security headers', () => {
  let app: FastifyInstance;
  let db: Db;
  let temporal: TemporalAccess;
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'shouwen-dist-'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>首问</title>');
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: 'headers' });
    app = await buildApp({ db, temporal, webDist: dist });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await rm(dist, { recursive: true, force: true });
  });

  it('the console and the API forbid framing, sniffing and foreign scripts, and keep the referrer to themselves', async () => {
    for (const url of ['/', '/tasks', '/api/health', '/api/nothing']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('the API documentation still renders under its own policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain('script-src');
  });
});
