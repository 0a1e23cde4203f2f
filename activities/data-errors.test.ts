import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { failFastOnDataErrors, isDataError } from './data-errors';

describe('data errors fail fast', () => {
  it('recognises PostgreSQL data exceptions only', () => {
    expect(isDataError({ code: '22P05' })).toBe(true);
    expect(isDataError({ code: '22021' })).toBe(true);
    expect(isDataError({ code: '23505' })).toBe(false);
    expect(isDataError({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isDataError(new Error('x'))).toBe(false);
  });

  it('turns a data exception into a non-retryable failure naming the activity, and leaves other errors retryable', async () => {
    const pgError = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    const acts = failFastOnDataErrors({
      bad: async () => {
        throw pgError;
      },
      down: async () => {
        throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      },
      fine: async (n: number) => n + 1,
    });
    const failure = await acts.bad().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DataError', nonRetryable: true });
    expect((failure as Error).message).toContain('bad: the database refused the data (22P05)');
    await expect(acts.down()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await acts.fine(1)).toBe(2);
  });
});
