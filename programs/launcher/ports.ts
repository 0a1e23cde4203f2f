import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The ports the kernel gives outgoing connections (and `listen(0)`): Linux's
 * /proc/sys/net/ipv4/ip_local_port_range, else Linux's default 32768–60999.
 */
export function ephemeralPortRange(read: () => string = () => readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')): [number, number] {
  try {
    const [low, high] = read().trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low! > 0 && low! <= high!) return [low!, high!];
  } catch {
    // not Linux: the default below
  }
  return [32_768, 60_999];
}

/**
 * Where freePort draws from: 20000 up to the ephemeral range (and below 32768, which Temporal's
 * membership table keeps as smallint); above the range only when nothing is left below it.
 */
export function freePortRange([low, high]: [number, number] = ephemeralPortRange()): [number, number] {
  const top = Math.min(low, 32_768) - 1;
  if (top - 20_000 >= 1_000) return [20_000, top];
  if (65_535 - high >= 1_000) return [high + 1, 65_535];
  return [20_000, 65_535]; // a machine whose ephemeral range is everything: checked, at least
}

const handedOut = new Set<number>();

/**
 * A free port for a server started later (tests, throwaway servers), chosen outside the ephemeral
 * range: an OS-chosen port (`listen(0)`) comes from the range outgoing connections take their
 * local ports from, so on a busy machine another process's connection could take it between this
 * check and the server's bind ("Port … is already in use"). Random within freePortRange, checked
 * free on 127.0.0.1 and on every address, never the same port twice in one process.
 */
export async function freePort(): Promise<number> {
  const [from, to] = freePortRange();
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port); // before the check: callers running at once never get the same port
    if ((await isPortFree(port)) && (await isPortFree(port, '0.0.0.0'))) return port;
  }
  throw new Error(`no free port found between ${from} and ${to}`);
}
