import type { Db } from '../../db/pool';
import type { FieldError, ProblemParams } from './problem';

/**
 * Refusals carry the ids they are about in `params` (`userId`, `processKey`): the words people read
 * (contract/problem-messages.*, the server's and the console's) name them instead — `userName`,
 * `processName` — looked up here as the problem goes out. A lookup that fails, or finds nothing
 * (an id typed that does not exist), leaves the id as the name: a refusal never fails on its words.
 */
export type ProblemNamer = (params: ProblemParams) => Promise<ProblemParams>;

export function problemNamer(db: Pick<Db, 'query'>): ProblemNamer {
  // A namer serves one response (its names are not kept beyond it): a bulk request's refusals name the same people and processes many
  // times (in each detail and again in its params), looked up once each.
  const looked = new Map<string, Promise<{ user_name: string | null; process_name: string | null } | undefined>>();
  const lookUp = (userId: string | null, processKey: string | null) => {
    const key = JSON.stringify([userId, processKey]);
    let found = looked.get(key);
    if (!found) {
      found = db
        .query<{ user_name: string | null; process_name: string | null }>(
          `SELECT (SELECT display_name FROM app_user WHERE id = $1) AS user_name,
                  (SELECT name FROM process_definition WHERE key = $2 ORDER BY version DESC LIMIT 1) AS process_name`,
          [userId, processKey],
        )
        .then(({ rows }) => rows[0])
        .catch(() => undefined); // the ids stay as names
      looked.set(key, found);
    }
    return found;
  };
  return async (params) => {
    const userId = typeof params.userId === 'string' && params.userName === undefined ? params.userId : undefined;
    const processKey = typeof params.processKey === 'string' && params.processName === undefined ? params.processKey : undefined;
    if (!userId && !processKey) return params;
    const named: ProblemParams = { ...params };
    if (userId) named.userName = userId;
    if (processKey) named.processName = processKey;
    const row = await lookUp(userId ?? null, processKey ?? null);
    if (userId && row?.user_name) named.userName = row.user_name;
    if (processKey && row?.process_name) named.processName = row.process_name;
    return named;
  };
}

/** The problem's extra members with their params (and each field problem's) named. */
export async function namedProblemExtra<T extends { params?: ProblemParams; errors?: FieldError[] }>(extra: T, name: ProblemNamer): Promise<T> {
  const params = extra.params && (await name(extra.params));
  const errors = extra.errors && (await Promise.all(extra.errors.map(async (e) => (e.params ? { ...e, params: await name(e.params) } : e))));
  return { ...extra, ...(params && { params }), ...(errors && { errors }) };
}
