import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowClient } from '@temporalio/client';
import { TemporalConnection } from '../../server/temporal/connection';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsFile, embeddedUrl, readCredentials } from '../../db/pglite-credentials';
import { pidFile, processIdentity, readPidRecord, type PidRecord } from '../../programs/launcher/orphans';
import { freePort } from '../../programs/launcher/ports';
import { startDevServer, type DevServer } from '../../programs/temporal-cli/dev-server';
import { eventually, login, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';
import { sharedStack } from '../shared-stack';

describe('the Temporal dev server restarted on the same data file', () => {
  const taskQueue = uniqueTaskQueue('restart');
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('keeps a waiting case, which then completes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-restart-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'temporal.db');
    const port = await freePort();
    const start = () => startDevServer({ cliPath: sharedStack().temporalCliPath, dbFile, port });

    let server: DevServer = await start();
    cleanups.push(() => server.stop());
    let worker: RunningWorker = await startTestWorker(taskQueue, server.address);
    const stack: TestStack = await startTestApi(taskQueue, server.address);
    cleanups.push(() => stack.close());

    const agent = await login(stack.app, 'gd.cs_agent');
    const manager = await login(stack.app, 'gd.cs_manager');
    const started = await stack.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'demo-approval', title: '服务器重启测试' } });
    expect(started.statusCode).toBe(201);
    const caseId: string = started.json().id;
    const taskId = await eventually(async () => {
      const { rows } = await stack.db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId]);
      return rows[0]?.id;
    });

    await worker.stop();
    await server.stop();
    const health = await stack.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', temporal: 'down', database: 'up' });

    server = await start();
    worker = await startTestWorker(taskQueue, server.address);
    cleanups.push(() => worker.stop());

    const description = await stack.temporal.client.workflow.getHandle(caseId).describe();
    expect(description.status.name).toBe('RUNNING');

    const res = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie: manager },
      payload: { outcome: 'reject', comment: '资料不全' },
    });
    expect(res.statusCode).toBe(200);
    expect(await stack.temporal.client.workflow.getHandle(caseId).result()).toMatchObject({ status: 'completed', variables: { outcome: 'reject' } });
  });
});

/** `npm start` itself, on a folder and ports of its own, without the demo data. */
function startLauncher(env: NodeJS.ProcessEnv): { child: ChildProcess; output: string[]; running: Promise<void> } {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'programs/launcher/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const running = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Shouwen 首问 is running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`the launcher exited (${code ?? signal}) before it was running:\n${output.join('')}`)));
  });
  return { child, output, running };
}

const alive = (p: { pid: number; startTime: string; command: string }) => processIdentity(p.pid)?.startTime === p.startTime;
const childOf = (record: PidRecord | undefined, name: string) => record?.children.find((c) => c.name === name);

describe('npm start after kill -9 of its dev server, its database and itself', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  const launchers: ChildProcess[] = [];
  afterAll(async () => {
    for (const l of launchers) if (l.exitCode === null && l.signalCode === null) l.kill('SIGTERM');
    await Promise.all(launchers.map((l) => (l.exitCode !== null || l.signalCode !== null ? undefined : new Promise((r) => l.once('exit', r)))));
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('restarts Temporal and PostgreSQL on the same ports and data, and the next start ends the orphans of a killed launcher', { timeout: 420_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shouwen-launcher-'));
    // kill -9 leaves the children running: make sure none outlives the test
    cleanups.push(async () => {
      for (const c of (await readPidRecord(pidFile(join(dir, 'data'))))?.children ?? []) if (alive(c)) process.kill(c.pid, 'SIGKILL');
    });
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const webDist = join(dir, 'web');
    await mkdir(webDist);
    await writeFile(join(webDist, 'index.html'), '<!doctype html><title>test</title>');
    const [port, temporalPort, pglitePort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: '0',
      SHOUWEN_PGLITE_PORT: String(pglitePort),
      SHOUWEN_DATA_DIR: join(dir, 'data'),
      SHOUWEN_WEB_DIST: webDist,
      SHOUWEN_SEED: 'none',
      TEMPORAL_CLI: sharedStack().temporalCliPath,
    };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      return res ? { code: res.status, body: (await res.json()) as Record<string, unknown> & { processes?: Record<string, { state: string; recentCrashes: number; lastExit?: string }> } } : undefined;
    };

    const first = startLauncher(env);
    launchers.push(first.child);
    await first.running;
    const pids = pidFile(join(dir, 'data'));
    const before = (await readPidRecord(pids))!;
    expect(before.launcher.pid).toBe(first.child.pid);
    expect(before.children.map((c) => c.name).sort()).toEqual(['api', 'postgres', 'temporal', 'worker']);

    // something to find again in each store
    const credentials = (await readCredentials(credentialsFile(join(dir, 'data'))))!;
    const databaseUrl = embeddedUrl(credentials, pglitePort);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`CREATE TABLE restart_probe (note text); INSERT INTO restart_probe VALUES ('写入于重启之前')`);
    await db.end();
    const probe = async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return (await c.query<{ note: string }>('SELECT note FROM restart_probe')).rows;
      } finally {
        await c.end();
      }
    };
    const withTemporal = async <T>(fn: (client: WorkflowClient) => Promise<T>) => {
      const connection = await TemporalConnection.connect({ address: `127.0.0.1:${temporalPort}` });
      try {
        return await fn(new WorkflowClient({ connection }));
      } finally {
        await connection.close();
      }
    };
    // no worker polls this queue: the workflow just waits, in the dev server's SQLite file
    await withTemporal((client) => client.start('nobodyRunsThis', { taskQueue: 'restart-probe', workflowId: 'restart-probe' }));

    process.kill(childOf(before, 'temporal')!.pid, 'SIGKILL');
    process.kill(childOf(before, 'postgres')!.pid, 'SIGKILL');
    const recovered = await eventually(async () => {
      const h = await health();
      const p = h?.body.processes;
      // The database answers a moment before the launcher reads its ready line and calls it running.
      const up = p?.temporal?.state === 'running' && p.postgres?.state === 'running';
      return h?.code === 200 && up && p.temporal?.recentCrashes === 1 && p.postgres?.recentCrashes === 1 ? h.body : undefined;
    }, 120_000, 'health ok after the restarts');
    expect(recovered.processes).toMatchObject({ temporal: { state: 'running', lastExit: 'signal SIGKILL' }, postgres: { state: 'running', lastExit: 'signal SIGKILL' }, worker: { state: 'running' }, api: { state: 'running' } });
    expect(first.output.join('')).toMatch(/\[temporal\] exited \(signal SIGKILL\); restarting in 1 s/);
    expect(await probe()).toEqual([{ note: '写入于重启之前' }]);
    expect((await withTemporal((client) => client.getHandle('restart-probe').describe())).status.name).toBe('RUNNING');
    const restarted = (await readPidRecord(pids))!;
    expect(childOf(restarted, 'temporal')!.pid).not.toBe(childOf(before, 'temporal')!.pid);

    // kill -9 of the launcher: its children stay, holding the ports
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const orphans = restarted.children;
    expect(orphans.every(alive)).toBe(true);

    const second = startLauncher(env);
    launchers.push(second.child);
    await second.running;
    const secondOutput = second.output.join('');
    expect(secondOutput).toMatch(/ended temporal \(pid \d+.*\), postgres \(pid \d+.*\), worker \(pid \d+.*\), api \(pid \d+.*\), left running by a launcher that was killed/);
    expect(secondOutput).not.toMatch(/already in use/);
    expect(orphans.some(alive)).toBe(false);
    expect(await eventually(async () => ((await health())?.code === 200 ? true : undefined), 60_000, 'health ok')).toBe(true);
    expect(await probe()).toEqual([{ note: '写入于重启之前' }]);
    expect((await withTemporal((client) => client.getHandle('restart-probe').describe())).status.name).toBe('RUNNING');

    // an orderly stop leaves nothing behind
    const last = (await readPidRecord(pids))!;
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    expect(last.children.some(alive)).toBe(false);
    expect(await readPidRecord(pids)).toBeUndefined();
  });
});
