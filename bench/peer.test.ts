import { describe, expect, it } from 'vitest';
import { markdown } from './report';
import { b3OpenTasks, peerComparison, peerFindings, peerMarkdown, type B6Result, type PeerInput } from './peer';

const lat = (p50: number, p99: number) => ({ p50, p99 });
const flight = (p50: number, p99: number, reqPerSec: number) => ({ p50, p99, reqPerSec });

const b6: B6Result = {
  flowableVersion: '7.1.0',
  throughput: [
    { concurrency: 1, cases: 100, casesPerSec: 32 },
    { concurrency: 8, cases: 100, casesPerSec: 84 },
  ],
  sizes: [
    { openTasks: 10_000, groupOpenTasks: 6_000, page: { alone: lat(2, 4), inFlight: flight(10, 20, 500) }, count: { alone: lat(20, 40), inFlight: flight(80, 160, 100) } },
    { openTasks: 100_000, groupOpenTasks: 60_000, page: { alone: lat(2, 3.9), inFlight: flight(11, 22, 450) }, count: { alone: lat(150, 166), inFlight: flight(800, 932, 11) } },
  ],
};

// A full run on PostgreSQL: B3 at 10k, 100k and 1M tasks (1k, 10k and 100k open), B4 after it.
const full: PeerInput = {
  b1: { throughput: [{ concurrency: 1, engineCasesPerSec: 1.6 }, { concurrency: 8, engineCasesPerSec: 21 }, { concurrency: 32, engineCasesPerSec: 30 }] },
  b3: {
    sizes: [
      { tasks: 10_000, groupFirstPage: lat(20, 50), groupFirstPageSerial: lat(3, 19), counts: lat(13, 29) },
      { tasks: 100_000, openTasks: 10_000, groupFirstPage: lat(19, 33), groupFirstPageSerial: lat(2, 7), counts: lat(55, 85), countsSerial: lat(10, 15) },
      { tasks: 1_000_000, openTasks: 100_000, groupFirstPage: lat(33, 80), groupFirstPageSerial: lat(2.2, 6.35), counts: lat(572, 705), countsSerial: lat(100, 140) },
    ],
  },
  b4: { inbox: { reqPerSec: 700 }, counts: { reqPerSec: 14 } },
  b6,
};

const byKey = (rows: ReturnType<typeof peerComparison>) => Object.fromEntries(rows.map((r) => [`${r.what} @ ${r.openTasks ?? '-'}`, r]));

describe('peerComparison', () => {
  it('divides Shouwen by Flowable for case throughput at the same concurrency, from B1’s engine row', () => {
    const rows = byKey(peerComparison(full));
    expect(rows['case throughput, concurrency 1 (cases/s) @ -']).toMatchObject({ shouwen: '1.6', flowable: '32', ratio: 0.05, verdict: 'behind' });
    expect(rows['case throughput, concurrency 8 (cases/s) @ -']).toMatchObject({ shouwen: '21', flowable: '84', ratio: 0.25, verdict: 'behind' });
  });

  it('takes the engine’s run of the same one-approval case when B1 measured it, and says when it compared B1’s own case', () => {
    const withSameCase: PeerInput = { ...full, b1: { throughput: [{ concurrency: 1, engineCasesPerSec: 1.6, oneApprovalCasesPerSec: 4 }, { concurrency: 8, engineCasesPerSec: 21, oneApprovalCasesPerSec: 42 }] } };
    const rows = byKey(peerComparison(withSameCase));
    expect(rows['case throughput, concurrency 8 (cases/s) @ -']).toMatchObject({ shouwen: '42', flowable: '84', ratio: 0.5, verdict: 'behind' });
    expect(rows['case throughput, concurrency 8 (cases/s) @ -']!.note).toBeUndefined();
    expect(byKey(peerComparison(full))['case throughput, concurrency 8 (cases/s) @ -']!.note).toContain('three service tasks');
  });

  it('matches the inbox sizes by open tasks: B3 at 1M tasks holds the 100k open tasks Flowable was measured at', () => {
    const rows = byKey(peerComparison(full));
    const page = rows['group page, one at a time (p50 / p99) @ 100000']!;
    expect(page).toMatchObject({ shouwen: '2.2 / 6.35 ms', flowable: '2 / 3.9 ms', ratio: 1.628, ratioP50: 1.1, verdict: 'behind' });
    expect(rows['group page, 10 in flight (p50 / p99) @ 100000']).toMatchObject({ ratio: 3.636, verdict: 'behind' });
    // B3 at 100k tasks (10k open): its counts, alone and with 10 in flight, against Flowable's at 10k.
    expect(rows['open-task counts, one at a time (p50 / p99) @ 10000']).toMatchObject({ ratio: 0.375, ratioP50: 0.5, verdict: 'ahead' });
    expect(rows['open-task counts, 10 in flight (p50 / p99) @ 10000']).toMatchObject({ ratio: 0.531, verdict: 'ahead' });
    // A B3 row recorded before issue 19 (no openTasks): one task in ten.
    expect(b3OpenTasks({ tasks: 10_000 })).toBe(1_000);
  });

  it('takes B4’s req/s only at the size B4 loaded (B3’s largest), and says why elsewhere', () => {
    const rows = byKey(peerComparison(full));
    expect(rows['group page, 10 in flight (req/s) @ 100000']).toMatchObject({ shouwen: '700', flowable: '450', ratio: 1.556, verdict: 'ahead' });
    expect(rows['open-task counts, 10 in flight (req/s) @ 100000']).toMatchObject({ ratio: 1.273, verdict: 'ahead' });
    expect(rows['group page, 10 in flight (req/s) @ 10000']).toMatchObject({ ratio: null, verdict: 'not in this run', note: 'B4 ran at 100,000 open tasks' });
  });

  it('says "not in this run" for every Shouwen figure when B6 ran alone (--only=b6)', () => {
    const skipped = { skipped: 'not selected (--only)' };
    const rows = peerComparison({ b1: skipped, b3: skipped, b4: skipped, b6 });
    expect(rows).toHaveLength(2 + 2 * 6);
    expect(rows.every((r) => r.verdict === 'not in this run' && r.ratio === null)).toBe(true);
    expect(rows[0]!.note).toBe('B1 skipped (not selected (--only))');
    expect(rows.find((r) => r.openTasks === 10_000)!.note).toBe('B3 skipped (not selected (--only))');
    const md = markdown({ environment: { date: 'd' }, b1: skipped, b2: skipped, b3: skipped, b4: skipped, memory: skipped, b5: skipped, b6 }).split('\n');
    expect(md).toContain('| case throughput, concurrency 8 (cases/s) | — | — | 84 | — | not in this run: B1 skipped (not selected (--only)) |');
    expect(md).toContain('| case throughput ≥ 0.25 × Flowable at concurrency 8 | B1 skipped (not selected (--only)) | — not measured |');
    expect(md).toContain('| 100,000 | 60,000 | 2 / 3.9 ms | 11 / 22 ms | 450 | 150 / 166 ms | 800 / 932 ms | 11 |');
  });

  it('names the sizes B3 did measure when none matches (a quick run: 1k open tasks against Flowable’s 10k and 100k)', () => {
    const quickB3 = { sizes: [{ tasks: 10_000, openTasks: 1_000, groupFirstPage: lat(20, 50), groupFirstPageSerial: lat(3, 19), counts: lat(13, 29), countsSerial: lat(4, 8) }] };
    const rows = peerComparison({ ...full, b3: quickB3, b4: { inbox: { reqPerSec: 300 } } });
    const page = rows.find((r) => r.what.startsWith('group page, one at a time') && r.openTasks === 10_000)!;
    expect(page).toMatchObject({ verdict: 'not in this run', note: 'B3 measured 1,000 open (10,000 tasks)' });
  });

  it('is empty when B6 was skipped, and the report says why', () => {
    const b6Skipped = { skipped: 'java is not installed (Java 17 runs the Flowable peer)' };
    expect(peerComparison({ ...full, b6: b6Skipped })).toEqual([]);
    expect(peerMarkdown({ ...full, b6: b6Skipped })).toContain('skipped: java is not installed (Java 17 runs the Flowable peer)');
  });
});

describe('peerFindings', () => {
  it('judges case throughput against 0.25 × Flowable at concurrency 8 and the inbox against "ahead"', () => {
    const [throughput, inbox] = peerFindings(full);
    expect(throughput).toMatchObject({ target: 'case throughput ≥ 0.25 × Flowable at concurrency 8', verdict: 'met', measured: '0.25× (21 against 84 cases/s)' });
    expect(inbox!.verdict).toBe('missed');
    expect(inbox!.measured).toContain('group page, one at a time (p50 / p99) at 100,000 open: 1.628×');
    const slower = peerFindings({ ...full, b1: { throughput: [{ concurrency: 8, engineCasesPerSec: 5.3 }] } });
    expect(slower[0]).toMatchObject({ verdict: 'missed', measured: '0.063× (5.3 against 84 cases/s)' });
  });

  it('meets the inbox target only when every matched figure is ahead', () => {
    const fast = (x: { p50: number; p99: number }) => lat(x.p50 / 10, x.p99 / 10);
    const b3 = full.b3 as Extract<PeerInput['b3'], { sizes: unknown }>;
    const ahead: PeerInput = {
      ...full,
      b3: { sizes: b3.sizes.map((s) => ({ ...s, groupFirstPage: fast(s.groupFirstPage), groupFirstPageSerial: fast(s.groupFirstPageSerial!), counts: fast(s.counts!), countsSerial: s.countsSerial && fast(s.countsSerial) })) },
      b4: { inbox: { reqPerSec: 5_000 }, counts: { reqPerSec: 2_000 } },
    };
    expect(peerFindings(ahead)[1]).toMatchObject({ verdict: 'met', measured: 'ahead in all 10 at 10,000, 100,000 open tasks' });
  });

  it('is not measured when B6 did not run or no size matches', () => {
    expect(peerFindings({ ...full, b6: { error: 'mvn package failed' } }).map((f) => f.verdict)).toEqual(['not measured', 'not measured']);
    const alone = peerFindings({ b6 });
    expect(alone[1]).toMatchObject({ verdict: 'not measured', measured: 'no size measured by both in this run (Flowable: 10,000, 100,000 open tasks)' });
  });
});
