import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool';
import { eventually, login } from '../helpers';

/**
 * Walking cases through the API the way their departments would, before a browser test looks at
 * the result: one sign-in per user (each costs a deliberately slow password hash), a POST that
 * or GET that fails loudly, and completing the open task of a case at an element. `app` and `db` are read
 * when a step runs, so a test may create them in its beforeAll.
 */
export function apiSteps(app: () => FastifyInstance, db: () => Db) {
  const cookies = new Map<string, Promise<string>>();
  const cookieOf = (user: string) => cookies.get(user) ?? cookies.set(user, login(app(), user)).get(user)!;
  const post = async (user: string, url: string, payload: object) => {
    const res = await app().inject({ method: 'POST', url, headers: { cookie: await cookieOf(user) }, payload });
    if (res.statusCode >= 300) throw new Error(`${url} as ${user}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const get = async (user: string, url: string) => {
    const res = await app().inject({ method: 'GET', url, headers: { cookie: await cookieOf(user) } });
    if (res.statusCode !== 200) throw new Error(`${url} as ${user}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const openTask = (caseId: string, elementId: string) =>
    eventually(async () => {
      const { rows } = await db().query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'open'`, [caseId, elementId]);
      return rows[0]?.id;
    });
  const complete = async (user: string, caseId: string, elementId: string, data: object) =>
    post(user, `/api/tasks/${encodeURIComponent(await openTask(caseId, elementId))}/complete`, { outcome: 'complete', data });
  return { post, get, openTask, complete };
}
