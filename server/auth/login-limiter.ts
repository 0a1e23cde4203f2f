// Slows down password guessing without handing an attacker a way to lock people out. Failures
// count per (user name, client address) pair — 10 in WINDOW blocks that pair only, so guessing
// someone's password from elsewhere never locks the real user out at their own desk — and per
// address (30: one address spraying many user names), and per user name from everywhere (100:
// a guess spread over many addresses is slowed, at a threshold no typist reaches). In memory,
// per API process: with several API instances the limits multiply by their number (acceptable;
// a shared store is the upgrade path).

const WINDOW_MS = 5 * 60_000;
const LIMITS = { pair: 10, address: 30, account: 100 } as const;

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

  private keys(username: string, ip: string): Array<[string, number]> {
    const user = username.toLowerCase();
    return [
      [`pair:${user}\u0001${ip}`, LIMITS.pair],
      [`ip:${ip}`, LIMITS.address],
      [`u:${user}`, LIMITS.account],
    ];
  }

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(username: string, ip: string): number {
    let wait = 0;
    for (const [key, limit] of this.keys(username, ip)) {
      const times = this.recent(key);
      if (times.length < limit) continue;
      // Allowed again once enough of the failures have left the window.
      const freeAt = times[times.length - limit]! + WINDOW_MS;
      wait = Math.max(wait, Math.max(1, Math.ceil((freeAt - this.now()) / 1000)));
    }
    return wait;
  }

  fail(username: string, ip: string): void {
    for (const [key] of this.keys(username, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(this.keys(username, ip)[0]![0]);
  }
}
