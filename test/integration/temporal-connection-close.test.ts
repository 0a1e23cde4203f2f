import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sharedStack } from '../shared-stack';

// The Temporal client's gRPC retry interceptor retries from a timer; on a connection closed in the
// meantime that timer threw "Channel has been shut down", an uncaught exception (34 of them failed
// CI 84 when a browser test file's closed client threw into the next file; in the product, the API
// or the launcher shutting down while a call was retried). Each case runs in a process of its own
// (fixtures/close-while-calling.ts): such an exception ends it with code 1.

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/fixtures/close-while-calling.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A port where nothing listens: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('closing a Temporal connection while a call is under way', () => {
  it('a call waiting to be retried ends with an error, and nothing is thrown later', async () => {
    const { code, stdout, stderr } = await run(['backoff', `127.0.0.1:${await closedPort()}`]);
    expect(stderr).not.toMatch(/Channel has been shut down/);
    expect(code, stderr).toBe(0);
    const ended = JSON.parse(stdout) as { settled: string; code?: number; afterCloseMs?: number };
    expect(ended).toMatchObject({ settled: 'rejected', code: 1 }); // 1 = CANCELLED
    expect(ended.afterCloseMs).toBeLessThan(100);
  });

  it('a call in flight ends at close, and the server going away afterwards throws nothing', async () => {
    const { code, stdout, stderr } = await run(['in-flight', sharedStack().temporalCliPath]);
    expect(stderr).not.toMatch(/Channel has been shut down/);
    expect(code, stderr).toBe(0);
    const ended = JSON.parse(stdout) as { settled: string; afterCloseMs?: number };
    expect(ended.settled).toBe('rejected');
    expect(ended.afterCloseMs).toBeLessThan(500);
  });
});
