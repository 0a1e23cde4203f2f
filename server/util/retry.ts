/** Retries a start-up dependency with backoff, saying what it waits for. */
export async function retry<T>(what: string, fn: () => Promise<T>, opts: { attempts?: number; delayMs?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 30;
  let delay = opts.delayMs ?? 500;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw new Error(`${what} is not reachable after ${attempts} attempts: ${(err as Error).message}`);
      if (i === 1 || i % 5 === 0) process.stderr.write(`waiting for ${what} (${(err as Error).message})\n`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 1.5, 5_000);
    }
  }
}
