import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

describe('login limiter', () => {
  it('blocks a user name from one address after ten failures for the rest of the window, then lets it try again', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(() => now);
    for (let i = 0; i < 9; i++) limiter.fail('zj.cs_agent', '10.0.0.1');
    expect(limiter.retryAfter('zj.cs_agent', '10.0.0.1')).toBe(0);
    limiter.fail('zj.cs_agent', '10.0.0.1');
    expect(limiter.retryAfter('ZJ.CS_AGENT', '10.0.0.1')).toBe(300);
    now += 301_000;
    expect(limiter.retryAfter('zj.cs_agent', '10.0.0.1')).toBe(0);
  });

  it('does not lock the real user out when someone else guesses their password from elsewhere', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 20; i++) limiter.fail('zj.cs_agent', '10.6.6.6');
    expect(limiter.retryAfter('zj.cs_agent', '10.6.6.6')).toBeGreaterThan(0);
    expect(limiter.retryAfter('zj.cs_agent', '192.168.1.20')).toBe(0);
  });

  it('blocks an address guessing many user names', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 30; i++) limiter.fail(`user${i}`, '10.0.0.1');
    expect(limiter.retryAfter('someone-else', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfter('someone-else', '10.0.0.2')).toBe(0);
  });

  it('slows a guess spread over many addresses, past what anyone types', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 99; i++) limiter.fail('zj.cs_manager', `10.1.${i >> 8}.${i & 255}`);
    expect(limiter.retryAfter('zj.cs_manager', '10.2.0.1')).toBe(0);
    limiter.fail('zj.cs_manager', '10.3.0.1');
    expect(limiter.retryAfter('zj.cs_manager', '10.2.0.1')).toBeGreaterThan(0);
  });

  it('a success clears that user name at that address', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < 10; i++) limiter.fail('a', 'desk');
    limiter.succeed('a', 'desk');
    expect(limiter.retryAfter('a', 'desk')).toBe(0);
  });
});
