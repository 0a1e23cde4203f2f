import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchStack } from './stack';
import type { B6Result } from './peer';

// B6 — a peer in the same run (issue 19): Flowable embedded on the bench's PostgreSQL (its own
// tables in the bench's database), the Maven project in bench/flowable/. Skipped with the reason
// when Java or Maven is missing or the bench runs on PGlite.

const DIR = new URL('./flowable/', import.meta.url).pathname;
const JAR = join(DIR, 'target/flowable-peer.jar');

/** Open-task sizes: `--b6-open=100000,1000000` or BENCH_B6_OPEN; else 1k and 10k (quick) or 10k, 100k and 1M. */
export function b6Sizes(quick: boolean, argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): number[] {
  const given = argv.find((a) => a.startsWith('--b6-open='))?.slice('--b6-open='.length) ?? env.BENCH_B6_OPEN;
  if (given) {
    const sizes = given.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
    if (!sizes.length || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`B6: open-task sizes must be positive integers, got "${given}"`);
    return [...new Set(sizes)].sort((a, b) => a - b);
  }
  return quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
}

/** postgres://user:password@host:port/db?… → the JDBC URL, user and password Flowable needs. */
export function jdbcFromDatabaseUrl(databaseUrl: string): { jdbcUrl: string; user: string; password: string } {
  const u = new URL(databaseUrl);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`B6: not a PostgreSQL URL: ${u.protocol}`);
  const host = u.hostname.includes(':') && !u.hostname.startsWith('[') ? `[${u.hostname}]` : u.hostname;
  const params = new URLSearchParams();
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) params.set('sslmode', sslmode);
  const query = params.toString();
  return {
    jdbcUrl: `jdbc:postgresql://${host || 'localhost'}:${u.port || '5432'}${u.pathname || '/postgres'}${query ? `?${query}` : ''}`,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

const found = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error;
};

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'target') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd: string, args: string[], onLine: (line: string, stream: 'out' | 'err') => void, env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    createInterface({ input: child.stdout }).on('line', (l) => onLine(l, 'out'));
    createInterface({ input: child.stderr }).on('line', (l) => onLine(l, 'err'));
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Builds target/flowable-peer.jar unless it is newer than the sources: offline first, else online (the first run downloads Flowable). */
async function build(): Promise<void> {
  if (existsSync(JAR) && existsSync(join(DIR, 'target/lib')) && statSync(JAR).mtimeMs >= newestSource(DIR)) return;
  const tail: string[] = [];
  const keep = (l: string) => void (tail.push(l), tail.length > 30 && tail.shift());
  if ((await run('mvn', ['-q', '-o', '-B', 'package'], keep)) === 0) return;
  console.log('[B6] building the Flowable peer online (the first run downloads Flowable 7.1 and its dependencies, ≈ 20 MB, into ~/.m2)…');
  let downloaded = 0;
  tail.length = 0;
  const code = await run('mvn', ['-B', 'package'], (l) => {
    keep(l);
    if (/^\[INFO\] Downloaded from/.test(l) && ++downloaded % 25 === 0) console.log(`[B6] … ${downloaded} files downloaded`);
    else if (/\[ERROR\]|BUILD (SUCCESS|FAILURE)/.test(l)) console.log(`[B6] mvn: ${l}`);
  });
  if (code !== 0) throw new Error(`B6: mvn package failed (${code}): ${tail.slice(-8).join(' | ')}`);
}

export async function runB6(b: BenchStack, quick: boolean): Promise<B6Result | { skipped: string }> {
  if (!found('java', ['-version'])) return { skipped: 'java is not installed (Java 17 runs the Flowable peer)' };
  if (!found('mvn', ['-v'])) return { skipped: 'mvn is not installed (Maven builds the Flowable peer)' };
  if (!process.env.DATABASE_URL) return { skipped: 'needs PostgreSQL (DATABASE_URL): Flowable runs on PostgreSQL, not on the embedded PGlite' };
  const sizes = b6Sizes(quick);
  await build();
  const { jdbcUrl, user, password } = jdbcFromDatabaseUrl(b.stack.databaseUrl);
  const args = [
    '-jar',
    JAR,
    `--jdbc-url=${jdbcUrl}`,
    `--user=${user}`,
    '--concurrency=1,8',
    `--cases=${quick ? 100 : 400}`,
    `--sizes=${sizes.join(',')}`,
    `--seconds=${quick ? 4 : 10}`,
    `--min-requests=${quick ? 20 : 50}`,
  ];
  const out: string[] = [];
  const errTail: string[] = [];
  const code = await run('java', args, (l, stream) => {
    if (stream === 'out') return void out.push(l);
    errTail.push(l);
    if (errTail.length > 30) errTail.shift();
    console.log(l.startsWith('[B6]') ? l : `[B6] ${l}`);
  }, { B6_PASSWORD: password });
  if (code !== 0) throw new Error(`B6: the Flowable peer exited with ${code}: ${errTail.slice(-5).join(' | ')}`);
  const last = out.filter((l) => l.trim()).at(-1);
  if (!last) throw new Error('B6: the Flowable peer printed no figures');
  return { ...(JSON.parse(last) as B6Result), requestedOpenTasks: sizes } as B6Result;
}
