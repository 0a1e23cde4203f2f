import { describe, expect, it } from 'vitest';
import { b6Sizes, jdbcFromDatabaseUrl } from './b6-flowable';

describe('B6 helpers', () => {
  it('turns the bench database URL into what JDBC needs, password decoded and kept out of the URL', () => {
    expect(jdbcFromDatabaseUrl('postgres://bench:p%40ss@127.0.0.1:4932/shouwen_bench_1?sslmode=disable')).toEqual({
      jdbcUrl: 'jdbc:postgresql://127.0.0.1:4932/shouwen_bench_1?sslmode=disable',
      user: 'bench',
      password: 'p@ss',
    });
    expect(jdbcFromDatabaseUrl('postgresql://localhost/db').jdbcUrl).toBe('jdbc:postgresql://localhost:5432/db');
    expect(() => jdbcFromDatabaseUrl('mysql://x/y')).toThrow(/not a PostgreSQL URL/);
  });

  it('takes its open-task sizes from --b6-open or BENCH_B6_OPEN, else from the mode', () => {
    expect(b6Sizes(true, [], {})).toEqual([1_000, 10_000]);
    expect(b6Sizes(false, [], {})).toEqual([10_000, 100_000, 1_000_000]);
    expect(b6Sizes(true, ['--b6-open=1_000_000,100000'], {})).toEqual([100_000, 1_000_000]);
    expect(b6Sizes(false, [], { BENCH_B6_OPEN: '5000' })).toEqual([5_000]);
    expect(() => b6Sizes(false, ['--b6-open=10k'], {})).toThrow(/positive integers/);
  });
});
