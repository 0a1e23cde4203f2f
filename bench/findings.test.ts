import { describe, expect, it } from 'vitest';
import { diagnosis, targetFindings, type FindingsInput } from './findings';

const lat = (p50: number, p99: number) => ({ p50, p99, max: p99 });
const quick: FindingsInput = {
  b1: { throughput: [{ concurrency: 1, ratio: 0.9 }, { concurrency: 8, ratio: 0.7 }], historyEventsPerCase: { ratio: 1.265 } },
  b2: [{ approvalsPerSec: 10, latencyMs: lat(150, 320), noopUpdateFloorMs: lat(7, 15) }],
  b3: { sizes: [{ tasks: 10_000, groupFirstPage: lat(30, 45), groupFirstPageSerial: lat(3.5, 6), counts: lat(40, 60), sqlMs: { groupPage: { planning: 0.7, execution: 1.05, taskAccess: 'Index Scan using task_open_by_due' } } }], p99Ratio: null },
  b4: {
    connections: 10,
    bare: { reqPerSec: 40_000 },
    bareSql: { reqPerSec: 12_000 },
    inbox: { reqPerSec: 450, latencyMs: lat(20, 40), cpuMsPerRequest: { api: 0.9, pglite: 2.1 } },
    inboxVsBare: 0.011,
    apiRssMiB: { idle: 160, underInboxLoad: 170 },
  },
  memory: { workerMaxCachedWorkflows: 2000, idleWorkerRssMiB: 250, points: [{ waitingCases: 200, workerRssMiB: 400 }, { waitingCases: 1000, workerRssMiB: 900 }], kibPerWaitingCase: 640 },
  b5: {
    diagrams: [
      { diagram: 'a.bpmn', shipped: true, ms: lat(120, 150) },
      { diagram: 'b.bpmn', shipped: true, ms: lat(310, 400) },
      { diagram: 'generated 5000 elements', shipped: false, ms: lat(1500, 1600) },
    ],
    inbox: { tasksListed: 50, timeToInteractiveMs: lat(1800, 2000), routeJs: { gzipKB: 413.1, files: ['index.js', 'problems.js'] } },
  },
};

describe('targetFindings', () => {
  it('judges each target from the figures', () => {
    const v = Object.fromEntries(targetFindings(quick).map((f) => [f.target, f.verdict]));
    expect(v).toEqual({
      'engine throughput ≥ 0.85 × hand-written': 'missed',
      'history events ≤ 1.2 × hand-written': 'missed',
      'approve → next task p99 < 500 ms at 10/s': 'met',
      'inbox group queue p99 < 20 ms at 1M tasks': 'not measured',
      'group queue p99(1M) / p99(10k) ≤ 2': 'not measured',
      'inbox group page at 1M tasks, 10 in flight: p99 < 30 ms': 'not measured',
      'inbox badge counts at 1M tasks, 10 in flight: p99 < 30 ms and ≥ 50 % of the group page’s req/s': 'not measured',
      'inbox customer filter at 1M tasks, 10 in flight: p99 < 30 ms': 'not measured',
      'inbox free text at 1M tasks (many matches), 10 in flight: p99 < 50 ms': 'not measured',
      'inbox free text at 1M tasks (one case), 10 in flight: p99 < 50 ms': 'not measured',
      'each shipped diagram rendered < 300 ms': 'missed',
      'inbox route JS < 400 kB gzip': 'missed',
    });
    expect(targetFindings(quick).find((f) => f.target.startsWith('each shipped'))!.measured).toContain('over: b.bpmn');
  });

  it('judges the 1M targets when the full run measured them', () => {
    const full: FindingsInput = { b3: { sizes: [{ tasks: 10_000, groupFirstPage: lat(5, 8) }, { tasks: 1_000_000, groupFirstPage: lat(9, 18) }], p99Ratio: 2.25 } };
    const v = Object.fromEntries(targetFindings(full).map((f) => [f.target, f]));
    expect(v['inbox group queue p99 < 20 ms at 1M tasks']!.verdict).toBe('met');
    expect(v['group queue p99(1M) / p99(10k) ≤ 2']).toMatchObject({ verdict: 'missed', measured: '2.25' });
  });

  it('judges the inbox under load over HTTP (B4) at 1M tasks, with B3’s in-process figure beside', () => {
    const load = (p50: number, p99: number, reqPerSec: number, non2xx = 0) => ({ reqPerSec, latencyMs: lat(p50, p99), non2xx });
    const b4 = { ...(quick.b4 as Extract<FindingsInput['b4'], { inbox: unknown }>), tasks: 1_000_000, inbox: { ...load(10, 26, 900), cpuMsPerRequest: { api: 1, postgres: 0.5 } } };
    const b3 = { sizes: [{ tasks: 1_000_000, groupFirstPage: lat(16, 45), counts: lat(7, 16), filterCustomer: lat(15, 36) }], p99Ratio: null };
    const at = (b4x: Partial<typeof b4>) => Object.fromEntries(targetFindings({ b3, b4: { ...b4, ...b4x } }).map((f) => [f.target.split(',')[0]!.replace(' at 1M tasks', ''), f]));
    const v = at({ counts: load(3, 9, 440), filterCustomer: load(13, 26, 750, 3), freeText: load(78, 131, 128), freeTextFew: load(20, 49.9, 350) });
    expect(v['inbox group page']).toMatchObject({ verdict: 'met', measured: 'p99 26 ms (p50 10), 900 req/s over HTTP; in process with the load generator on the API thread (B3): p99 45 ms — at 1,000,000 tasks' });
    // 9 ms p99 but 440 of the group page's 900 req/s: under half.
    expect(v['inbox badge counts']).toMatchObject({ verdict: 'missed' });
    expect(v['inbox badge counts']!.measured).toContain('= 49 % of the group page');
    expect(at({ counts: load(3, 9, 450) })['inbox badge counts']!.verdict).toBe('met');
    // Fast, but some answers were errors.
    expect(v['inbox customer filter']).toMatchObject({ verdict: 'missed' });
    expect(v['inbox customer filter']!.measured).toContain('3 answers not 2xx');
    expect(v['inbox free text (many matches)']!.verdict).toBe('missed');
    expect(v['inbox free text (one case)']!.verdict).toBe('met');
    // Below 1M the figures are shown, not judged.
    expect(at({ tasks: 100_000 })['inbox group page']).toMatchObject({ verdict: 'not measured' });
    expect(targetFindings({ b4: { error: 'boom' } }).filter((f) => f.target.startsWith('inbox free text')).map((f) => f.measured)).toEqual(['B4 failed: boom', 'B4 failed: boom']);
  });

  it('counts a concurrency B1 gave up as missed, naming it', () => {
    const f = targetFindings({ b1: { throughput: [{ concurrency: 1, ratio: 0.95 }, { concurrency: 128, error: 'engine: 3 of 256 cases finished within 256 s' }], historyEventsPerCase: { ratio: 1 } } });
    expect(f.find((x) => x.target.startsWith('engine throughput'))).toMatchObject({ verdict: 'missed', measured: '0.95 at concurrency 1, gave up at concurrency 128; worst 0.95' });
  });

  it('says why a part was not measured', () => {
    const f = targetFindings({ b5: { skipped: 'no Chromium at /usr/bin/chromium' }, b2: { error: 'boom' } });
    expect(f.find((x) => x.target.startsWith('inbox route'))).toMatchObject({ verdict: 'not measured', measured: 'B5 skipped: no Chromium at /usr/bin/chromium' });
    expect(f.find((x) => x.target.startsWith('approve'))!.measured).toBe('B2 failed: boom');
  });
});

describe('diagnosis', () => {
  it('names queueing, the bottleneck process and the memory per waiting case', () => {
    const d = diagnosis(quick).join('\n');
    expect(d).toContain('with 10 in flight p50 is 8.6× that — the requests queue');
    expect(d).toContain('the single-threaded embedded database is the bottleneck (ceiling ≈ 476 req/s)');
    expect(d).toContain('≈ 640 KiB per waiting case');
    expect(d).toContain('planned in 0.7 ms, executed in 1.05 ms (tasks read by Index Scan using task_open_by_due) — one EXPLAIN sample, against a whole request\'s p50 of 3.5 ms');
  });

  it('splits a count’s CPU between the API and the database when B4 loaded the same database', () => {
    const b4 = quick.b4 as Extract<FindingsInput['b4'], { inbox: unknown }>;
    const counts = { reqPerSec: 556, latencyMs: lat(16, 38), cpuMsPerRequest: { api: 0.38, postgres: 3.03 } };
    const at = (tasks: number) => diagnosis({ ...quick, b4: { ...b4, tasks, counts } }).join('\n');
    expect(at(10_000)).toContain('CPU per count over HTTP (B4): API 0.38 ms, database 3.03 ms — the database’s part');
    expect(at(100_000)).not.toContain('CPU per count');
  });
});

describe('issue 19 console flows', () => {
  it('are judged when B5 measured them, and absent otherwise', () => {
    expect(targetFindings(quick).map((f) => f.target)).not.toContain('登录 → inbox rows < 1 s (empty cache)');
    const b5 = quick.b5 as Exclude<FindingsInput['b5'], undefined | { error: string } | { skipped: string }>;
    const withFlows: FindingsInput = {
      ...quick,
      b5: { ...b5, login: lat(900, 1100), taskPage: { rested: lat(600, 700), atOnce: lat(800, 900) }, replay: { warmUpMs: 4000, first: { ms: 300, ok: true }, second: { ms: 250, ok: true } } },
    };
    const v = Object.fromEntries(targetFindings(withFlows).map((f) => [f.target, f.verdict]));
    expect(v['登录 → inbox rows < 1 s (empty cache)']).toBe('met');
    expect(v['inbox → task page with form and diagram < 500 ms']).toBe('missed');
    expect(v['first replay verification of a case < 1 s']).toBe('met');
  });
});

