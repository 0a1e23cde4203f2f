// Slows down password guessing: at most MAX failed sign-ins per user name and per client
// address in WINDOW. In memory, per API process: with several API instances the effective
// limit is multiplied by their number (acceptable; a shared store is the upgrade path).

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(username: string, ip: string): number {
    const times = [...this.recent(`u:${username.toLowerCase()}`), ...this.recent(`ip:${ip}`)];
    const blocked = [`u:${username.toLowerCase()}`, `ip:${ip}`].some((k) => this.recent(k).length >= MAX_FAILURES);
    if (!blocked) return 0;
    const oldest = Math.min(...times);
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000));
  }

  fail(username: string, ip: string): void {
    for (const key of [`u:${username.toLowerCase()}`, `ip:${ip}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}
