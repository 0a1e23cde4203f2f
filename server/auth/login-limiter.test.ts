import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

describe('login limiter', () => {
  it('blocks a user name after ten failures for the rest of the window, then lets it try again', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(() => now);
    for (let i = 0; i < 9; i++) limiter.fail('zj.cs_agent', `10.0.0.${i}`);
    expect(limiter.retryAfter('zj.cs_agent', '10.0.0.99')).toBe(0);
    limiter.fail('zj.cs_agent', '10.0.0.9');
    expect(limiter.retryAfter('ZJ.CS_AGENT', '10.0.0.99')).toBe(300);
    now += 301_000;
    expect(limiter.retryAfter('zj.cs_agent', '10.0.0.99')).toBe(0);
  });

  it('blocks an address guessing many user names', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 10; i++) limiter.fail(`user${i}`, '10.0.0.1');
    expect(limiter.retryAfter('someone-else', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfter('someone-else', '10.0.0.2')).toBe(0);
  });

  it('a success clears the user name', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 10; i++) limiter.fail('a', `ip${i}`);
    limiter.succeed('a');
    expect(limiter.retryAfter('a', 'elsewhere')).toBe(0);
  });
});
