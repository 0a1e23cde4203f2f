import { ApplicationFailure } from '@temporalio/activity';

// PostgreSQL's SQLSTATE class 22 ("data exception": a character it cannot store, text that is
// not a number, a value out of range …) is about the data itself: a retry sends the same data
// and fails the same way, for ever, while the case waits. Such a failure is made non-retryable,
// so the case shows it as a failed step at once (the API refuses such input up front; this is
// the net under it).

/** A PostgreSQL data exception (SQLSTATE 22xxx). */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any activity signature
type ActivityTable = Record<string, (...args: any[]) => Promise<unknown>>;

/** The same activities, with data exceptions turned into non-retryable failures. */
export function failFastOnDataErrors<T extends ActivityTable>(activities: T): T {
  const wrapped: ActivityTable = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isDataError(err)) throw err;
        const e = err as Error & { code: string };
        throw ApplicationFailure.create({ type: 'DataError', message: `${name}: the database refused the data (${e.code}): ${e.message}`, nonRetryable: true, cause: e });
      }
    };
  }
  return wrapped as T;
}
