import type { Db } from '../../db/pool';

// The rehearsal's load: cases started and approved through the APIs by turns, every request
// retried while the API it went to or something behind it is down, so a fault costs time and
// never a case. Latencies are measured through the database the APIs and workers share.

export interface LoadCase {
  processKey: string;
  /** The steps to approve, in order; the second's appearance after the first's approval is the latency measured. */
  steps: string[];
}

export interface LoadFigures {
  cases: number;
  seconds: number;
  /** approve → the next step's task row exists (cases with two steps). */
  approveToNextMs: number[];
  /** POST /api/cases → the first task's row exists. */
  startToTaskMs: number[];
  /** Requests that failed (connection refused, 5xx) and were sent again. */
  retries: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createLoad(o: { apis: string[]; db: Db; agentCookie: string; managerCookie: string; runId: string; onProgress: (done: number) => void; deadlineMs?: number }) {
  let retries = 0;
  const deadlineMs = o.deadlineMs ?? 300_000;

  /** One request (with an Idempotency-Key: a resend gets the first attempt's answer), sent again on a refused connection, a 5xx or "still in progress" until the deadline; other answers are returned as they are. */
  async function send(api: string, path: string, cookie: string, body: unknown, idempotencyKey: string): Promise<{ status: number; json: unknown; resent: boolean }> {
    const until = Date.now() + deadlineMs;
    let resent = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'idempotency-key': idempotencyKey }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
        const json = await res.json().catch(() => null);
        // 409 idempotency.in_progress: an earlier attempt with this key still holds it (its answer
        // was lost to a crash, so it is released when its lease ends); the API asks to repeat it.
        const inProgress = res.status === 409 && (json as { code?: string } | null)?.code === 'idempotency.in_progress';
        if (res.status < 500 && !inProgress) return { status: res.status, json, resent };
      } catch {
        // refused, reset or timed out: the API is down; another attempt after a pause
      }
      if (Date.now() > until) throw new Error(`${path}: no answer within ${deadlineMs / 1000} s`);
      retries++;
      resent = true;
      await sleep(Math.min(2_000, 200 * 2 ** Math.min(attempt, 4)));
    }
  }

  /** The database may itself be restarting: a failed read is read again. */
  async function query<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    for (;;) {
      try {
        return (await o.db.query<T>(sql, params)).rows;
      } catch {
        await sleep(250);
      }
    }
  }

  async function openTask(caseId: string, elementId: string): Promise<string> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const rows = await query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'open'`, [caseId, elementId]);
      if (rows[0]) return rows[0].id;
      if (Date.now() > until) throw new Error(`${caseId}: no open ${elementId} within ${deadlineMs / 1000} s`);
      await sleep(20);
    }
  }

  async function approve(api: string, caseId: string, taskId: string): Promise<void> {
    const res = await send(api, `/api/tasks/${encodeURIComponent(taskId)}/complete`, o.managerCookie, { outcome: 'approve', comment: '演练' }, `${o.runId}-approve-${taskId}`);
    if (res.status === 200) return;
    // Sent again after a crash: the first attempt may have done it. The row says whether it did.
    const rows = await query<{ status: string }>('SELECT status FROM task WHERE id = $1', [taskId]);
    if (res.resent && rows[0]?.status === 'completed') return;
    throw new Error(`${caseId}: completing ${taskId} answered ${res.status} ${JSON.stringify(res.json)}`);
  }

  async function oneCase(i: number, c: LoadCase, figures: LoadFigures): Promise<void> {
    const businessKey = `R${o.runId}-${i}`;
    const caseId = `${c.processKey}/${businessKey}`;
    const first = o.apis[i % o.apis.length]!;
    const second = o.apis[(i + 1) % o.apis.length]!;
    const t0 = performance.now();
    const started = await send(first, '/api/cases', o.agentCookie, { processKey: c.processKey, businessKey, title: `演练 ${i}`, variables: { amount: 1000 + i } }, `${o.runId}-start-${i}`);
    // 409 after a resend (not "in progress": send repeats those): the first attempt started it.
    if (started.status !== 200 && started.status !== 201 && !(started.resent && started.status === 409)) throw new Error(`${caseId}: start answered ${started.status} ${JSON.stringify(started.json)}`);
    let task = await openTask(caseId, c.steps[0]!);
    figures.startToTaskMs.push(performance.now() - t0);
    for (let s = 0; s < c.steps.length; s++) {
      const t = performance.now();
      // Approvals alternate between the APIs: the one that started the case does not approve it.
      await approve(s % 2 === 0 ? second : first, caseId, task);
      const next = c.steps[s + 1];
      if (next) {
        task = await openTask(caseId, next);
        figures.approveToNextMs.push(performance.now() - t);
      }
    }
  }

  return {
    get retries() {
      return retries;
    },
    async run(n: number, kinds: LoadCase[], concurrency: number): Promise<LoadFigures> {
      const figures: LoadFigures = { cases: n, seconds: 0, approveToNextMs: [], startToTaskMs: [], retries: 0 };
      const t0 = performance.now();
      let next = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, n) }, async () => {
          while (next < n) {
            const i = next++;
            await oneCase(i, kinds[i % kinds.length]!, figures);
            o.onProgress(++done);
          }
        }),
      );
      figures.seconds = (performance.now() - t0) / 1000;
      figures.retries = retries;
      return figures;
    },
  };
}
