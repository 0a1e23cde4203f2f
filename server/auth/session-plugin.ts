import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../http/problem';
import type { SessionUser } from '../../db/users';
import { mayAct } from '../../policy/capabilities';

export const SESSION_COOKIE = 'sw_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Resolves the signed-in user from the session cookie on every request. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = (await app.repos.users.userForSession(token)) ?? null;
  });
});

/** preHandler for routes that need a signed-in user. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.user) throw unauthorized();
}

/** The signed-in user, who must be allowed to change things: auditors read everything and change nothing. */
export function currentActor(request: FastifyRequest): SessionUser {
  const user = currentUser(request);
  if (!mayAct(user)) throw forbidden('Auditors can read everything and change nothing.', { code: 'auth.readOnly' });
  return user;
}

export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}
