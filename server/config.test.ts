import { describe, expect, it } from 'vitest';
import { ConfigError, cookieSecureDefault, databaseTimeouts, loadConfig, temporalAddress } from './config';

describe('loadConfig', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, TEMPORAL_PORT: 7233, TEMPORAL_UI_PORT: 8233, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'shouwen', COOKIE_SECURE: false });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(databaseTimeouts(c)).toEqual({ statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 });
    expect(databaseTimeouts(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_CONNECT_TIMEOUT_MS: '750' }))).toEqual({ statementTimeoutMs: 0, connectTimeoutMs: 750 });
    expect(temporalAddress(c)).toBe('127.0.0.1:7233');
    expect(temporalAddress(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }))).toBe('temporal:7233');
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT: /);
      expect((err as Error).message).toMatch(/DATABASE_URL: /);
    }
  });

  it('makes the session cookie Secure unless the console is reached on a loopback address', () => {
    expect(loadConfig({}).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'http://localhost:3000' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://shouwen.example.com' }).COOKIE_SECURE).toBe(true);
    // the public address wins over a loopback bind address (behind a proxy on the same machine)
    expect(loadConfig({ HOST: '127.0.0.1', PUBLIC_URL: 'https://shouwen.example.com' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ HOST: '10.0.0.5' }).COOKIE_SECURE).toBe(true);
    expect(cookieSecureDefault('http://[::1]:3000', '0.0.0.0')).toBe(false);
    expect(cookieSecureDefault(undefined, 'app.localhost')).toBe(false);
  });

  it('lets COOKIE_SECURE override the default either way, and treats an empty value as unset', () => {
    expect(loadConfig({ HOST: '0.0.0.0', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', COOKIE_SECURE: '' }).COOKIE_SECURE).toBe(true);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(ConfigError);
  });
});
