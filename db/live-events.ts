import pg from 'pg';
import { caseReadableBy, taskOfferedTo } from '../policy/sql';
import { seesEverything, type RoleHolder } from '../policy/roles';
import type { Db } from './pool';

// Live events (issue 19): every change to a task or a case, and every new notice, is announced on
// one PostgreSQL channel by the statement that writes it, so the NOTIFY is sent when (and only if)
// that write commits. Every API process LISTENs on its own connection and forwards to its users'
// event streams what each may see. The payload is ids and a kind only — never a title, a customer
// or a comment: whoever receives it refetches through the ordinary read policies.

export const LIVE_CHANNEL = 'shouwen_live';

export type LiveEvent = { k: 'task'; c: string; t: string } | { k: 'case'; c: string } | { k: 'notice'; u: string };

/** SQL: the pg_notify for a case_event row `e` (its task, or the case alone). */
export const NOTIFY_CASE_EVENT = (e: string) =>
  `pg_notify('${LIVE_CHANNEL}', CASE WHEN ${e}.task_id IS NULL THEN json_build_object('k', 'case', 'c', ${e}.case_id) ELSE json_build_object('k', 'task', 'c', ${e}.case_id, 't', ${e}.task_id) END::text)`;
/** SQL: the pg_notify for a notification row `n`: its recipient's bell. */
export const NOTIFY_NOTICE = (n: string) => `pg_notify('${LIVE_CHANNEL}', json_build_object('k', 'notice', 'u', ${n}.user_id)::text)`;

export function parseLiveEvent(payload: string | undefined): LiveEvent | undefined {
  try {
    const e = JSON.parse(payload ?? '') as Partial<Record<'k' | 'c' | 't' | 'u', unknown>>;
    if (e.k === 'task' && typeof e.c === 'string' && typeof e.t === 'string') return { k: 'task', c: e.c, t: e.t };
    if (e.k === 'case' && typeof e.c === 'string') return { k: 'case', c: e.c };
    if (e.k === 'notice' && typeof e.u === 'string') return { k: 'notice', u: e.u };
  } catch {
    // not ours
  }
  return undefined;
}

export interface LiveAudience {
  id: string;
  roles: RoleHolder['roles'];
}

/**
 * Which of `users` may see what `event` is about, by the read policies of the lists it changes:
 * a task as the inbox shows it (assigned, completed by, or offered: taskOfferedTo), a case as the
 * case list does (caseReadable), a notice only its recipient.
 */
export async function liveAudience(db: Pick<Db, 'query'>, event: LiveEvent, users: LiveAudience[]): Promise<Set<string>> {
  if (event.k === 'notice') return new Set(users.filter((u) => u.id === event.u).map((u) => u.id));
  const all = new Set(users.filter((u) => seesEverything(u)).map((u) => u.id));
  const rest = [...new Set(users.filter((u) => !all.has(u.id)).map((u) => u.id))];
  if (!rest.length) return all;
  // One query for everyone connected here, whatever their number: the users who see everything
  // were decided above, the rest by the same predicates as the lists (with their id from unnest).
  const { rows } =
    event.k === 'task'
      ? await db.query<{ uid: string }>(
          `SELECT s.uid FROM unnest($1::text[]) s(uid) JOIN task t ON t.id = $2
            WHERE t.assignee_id = s.uid OR t.completed_by = s.uid OR ${taskOfferedTo('s.uid')}`,
          [rest, event.t],
        )
      : await db.query<{ uid: string }>(`SELECT s.uid FROM unnest($1::text[]) s(uid) JOIN process_case c ON c.id = $2 WHERE ${caseReadableBy('s.uid')}`, [rest, event.c]);
  for (const r of rows) all.add(r.uid);
  return all;
}

export interface LiveListener {
  close(): Promise<void>;
}

/**
 * LISTENs on a connection of its own (a pooled one could be handed to someone else), opened with
 * the pool's settings; reconnects after a loss and calls `onGap` then, since events were missed.
 */
export function listenForLiveEvents(db: Db, onEvent: (e: LiveEvent) => void, onGap: () => void, retryMs = 2_000): LiveListener {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ ...db.options, statement_timeout: undefined, query_timeout: undefined } as pg.ClientConfig);
    c.on('notification', (n) => {
      const e = n.channel === LIVE_CHANNEL ? parseLiveEvent(n.payload) : undefined;
      if (e) onEvent(e);
    });
    const retry = (err: Error) => {
      if (closed || client !== c) return;
      process.stderr.write(`[live] lost the event connection: ${err.message}\n`);
      client = undefined;
      void c.end().catch(() => undefined);
      onGap();
      timer = setTimeout(() => void connect(), retryMs);
      timer.unref();
    };
    c.on('error', retry);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      if (closed) await c.end();
    } catch (err) {
      retry(err as Error);
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
