import { describe, expect, it } from 'vitest';
import { ConfigError, databaseTimeouts, loadConfig, temporalAddress } from './config';

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
});
