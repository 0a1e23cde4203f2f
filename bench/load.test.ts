import { describe, expect, it } from 'vitest';
import { summarizeAutocannon } from './load';

describe('summarizeAutocannon', () => {
  it('keeps req/s, latency percentiles and failures', () => {
    const r = summarizeAutocannon({ connections: 10, duration: 4.02, requests: { average: 251.5, total: 1006 }, latency: { p50: 37, p99: 94, max: 120 }, non2xx: 2, errors: 0 });
    expect(r).toEqual({ connections: 10, seconds: 4.02, reqPerSec: 252, latencyMs: { p50: 37, p99: 94, max: 120 }, requests: 1006, non2xx: 2, errors: 0 });
  });
});
