import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

// autocannon in its own process, so the load generator never shares an event loop with what it measures.

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  reqPerSec: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
}

/** The figures B4 reports, from autocannon's JSON result. */
export function summarizeAutocannon(r: {
  url?: string;
  connections: number;
  duration: number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx?: number;
  errors?: number;
}): Omit<LoadResult, 'url'> {
  return {
    connections: r.connections,
    seconds: r.duration,
    reqPerSec: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    requests: r.requests.total,
    non2xx: r.non2xx ?? 0,
    errors: r.errors ?? 0,
  };
}

const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export function autocannon(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const args = [cli, '--json', '-c', String(opts.connections), '-d', String(opts.seconds)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}:${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.slice(-500)}`));
      try {
        resolve({ url, ...summarizeAutocannon(JSON.parse(out)) });
      } catch (e) {
        reject(new Error(`autocannon output unreadable: ${(e as Error).message}: ${out.slice(0, 300)}`));
      }
    });
  });
}
