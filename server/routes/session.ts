import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionSchema, signInBodySchema } from '../../contract';
import { credentialsMatch } from '../auth/password';
import { currentUser, requireUser, SESSION_COOKIE } from '../auth/session-plugin';
import { LoginLimiter } from '../auth/login-limiter';
import { tooManyRequests, unauthorized } from '../http/problem';
import { capabilities } from '../../policy/capabilities';

export const sessionRoutes: FastifyPluginAsyncZod<{ ttlHours: number; secureCookie: boolean }> = async (app, opts) => {
  const limiter = new LoginLimiter();

  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        body: signInBodySchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = limiter.retryAfter(username, request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw tooManyRequests(`Too many failed sign-ins; try again in ${wait} s.`, { code: 'auth.tooManyAttempts', params: { seconds: wait } });
      }
      const user = await app.repos.users.findByUsername(username);
      // Same answer, and the same work, for an unknown user and a wrong password: user names cannot be probed.
      if (!(await credentialsMatch(user, password)) || !user) {
        limiter.fail(username, request.ip);
        throw unauthorized('Wrong username or password.', { code: 'auth.wrongPassword' });
      }
      limiter.succeed(username, request.ip);
      const session = await app.repos.users.createSession(user.id, opts.ttlHours);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookie,
        path: '/',
        expires: session.expiresAt,
      });
      const { passwordHash: _h, disabled: _d, ...publicUser } = user;
      return { user: publicUser, capabilities: capabilities(publicUser) };
    },
  );

  app.get(
    '/api/session',
    { preHandler: requireUser, schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: sessionSchema } } },
    async (request) => {
      const user = currentUser(request);
      return { user, capabilities: capabilities(user) };
    },
  );

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.repos.users.deleteSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
