import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden } from '../http/problem';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence by the standard request headers (OWASP "verify origin"): browsers always send
 * Sec-Fetch-Site and/or Origin on cross-site requests, so an unsafe request that says it comes
 * from another site is refused. Clients that are not browsers (the CLI, curl) send neither and
 * are no CSRF vector. Together with SameSite=Lax session cookies.
 */
export const csrfGuard = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site') throw forbidden('Cross-site request refused.', { code: 'csrf.crossSite' });
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        throw forbidden('Malformed Origin header.', { code: 'csrf.malformedOrigin' });
      }
      if (host !== request.headers.host) throw forbidden('Cross-origin request refused.', { code: 'csrf.crossOrigin' });
    } else if (origin === 'null') throw forbidden('Opaque-origin request refused.', { code: 'csrf.opaqueOrigin' });
  });
});
