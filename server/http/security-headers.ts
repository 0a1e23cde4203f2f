import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

// Security headers on the console and the API. The console is a Vite build: its scripts are
// files of our own origin, never inline. Styles must allow 'unsafe-inline': antd writes its
// CSS-in-JS into <style> elements and bpmn-js / form-js set style attributes. Nothing may frame
// the console (frame-ancestors 'none'), and no plug-in content or foreign form target exists.
// /api/docs (swagger-ui) sets its own, stricter-for-it policy with hashes (staticCSP).

export const CONSOLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// helmet's middleware is built once. @fastify/helmet built it anew for every request — options
// merged, CSP directives parsed and checked each time: ≈ 7 % of the API's CPU for a badge count, 3 %
// for an inbox page (issue 19, bench/results/inbox-scale-2026-12-01.md). Same options, same headers,
// on every route, set before the route runs as the plugin set them (onRequest, on the raw response).
export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONSOLE_CSP, ...(opts.https ? { upgradeInsecureRequests: [] } : {}) } },
    // The console is served over plain HTTP on a developer's machine: HSTS only where it is HTTPS.
    strictTransportSecurity: opts.https,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
}
