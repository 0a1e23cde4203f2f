import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryDigest, firstChainBreak, jsonbText, numericText, type ChainedEntry } from './audit-chain';

// The offline check is only as good as its copy of PostgreSQL's jsonb rendering: compared here
// with the real thing (PGlite is PostgreSQL), on the shapes a trail's payloads take.
describe('jsonb text as PostgreSQL renders it', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.waitReady;
  }, 60_000);
  afterAll(async () => pg?.close());

  const samples: unknown[] = [
    { outcome: 'approve', comment: '同意 "ok"\n\t\\ 😀 \u0001', data: { amount: 1200.5, zero: 0, neg: -3, tiny: 1e-7, big: 1.5e21, list: [1, 'a', null, true, { b: 1, a: 2 }] } },
    { zz: 1, a: 2, bb: 3, é: 4, e: 5, B: 6, '': 7 },
    { nested: { empty: {}, none: [] } },
    [],
    '中文',
  ];
  it.each(samples.map((s, i) => [i, s]))('sample %i matches payload::text', async (_i, sample) => {
    const { rows } = await pg.query<{ t: string }>('SELECT $1::jsonb::text AS t', [JSON.stringify(sample)]);
    expect(jsonbText(sample)).toBe(rows[0]!.t);
  });

  it('writes numbers without exponent, as numeric does', () => {
    expect(numericText(1e-7)).toBe('0.0000001');
    expect(numericText(-2.5e-8)).toBe('-0.000000025');
    expect(numericText(1e21)).toBe('1000000000000000000000');
    expect(numericText(12.75)).toBe('12.75');
  });
});

describe('the chain walked in the order of the file', () => {
  const chain = (payloads: unknown[]): ChainedEntry[] => {
    let prev = '';
    return payloads.map((payload, i) => {
      const e: ChainedEntry = { caseId: 'c/1', kind: `k${i}`, taskId: null, actorId: 'u', at: `2026-11-30T07:00:0${i}.000001Z`, payload, prevHash: prev, hash: null };
      e.hash = entryDigest(prev, e);
      prev = e.hash;
      return e;
    });
  };
  const good = chain([{ a: 1 }, { comment: '同意' }, {}, { b: 2 }]);
  const promised = { count: 4, head: good[3]!.hash };

  it('vouches for an untouched trail', () => expect(firstChainBreak(good, promised)).toBeNull());
  it('names an edited entry', () => {
    const edited = good.map((e, i) => (i === 1 ? { ...e, payload: { comment: '驳回' } } : e));
    expect(firstChainBreak(edited, promised)).toEqual({ reason: 'digest', index: 1 });
  });
  it('names the entry after a removed one', () => expect(firstChainBreak([good[0]!, good[2]!, good[3]!], promised)).toEqual({ reason: 'link', index: 1 }));
  it('names the first of two swapped entries', () => expect(firstChainBreak([good[0]!, good[2]!, good[1]!, good[3]!], promised)).toEqual({ reason: 'link', index: 1 }));
  it('catches a removed last entry by the promised count', () => expect(firstChainBreak(good.slice(0, 3), promised)).toMatchObject({ reason: 'count', index: 3 }));
});

describe('a trail purged with its archive (migration 047: payloads digested)', () => {
  const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
  const chain = (payloads: Record<string, unknown>[]): ChainedEntry[] => {
    let prev = '';
    return payloads.map((payload, i) => {
      const e: ChainedEntry = { caseId: 'c/1', kind: `k${i}`, taskId: null, actorId: 'u', at: `2026-11-30T07:00:0${i}.000001Z`, payload, payloadDigest: sha(jsonbText(payload)), prevHash: prev, hash: null };
      e.hash = entryDigest(prev, e);
      prev = e.hash;
      return e;
    });
  };
  const good = chain([{ customerName: '宁波港城' }, { complaintContent: '净水器出水慢' }]);
  const purge = (e: ChainedEntry): ChainedEntry => ({ ...e, payload: { contentDestroyed: '内容已随档案销毁' }, purged: true });

  it('still verifies once every payload is gone', () => expect(firstChainBreak(good.map(purge))).toBeNull());
  it('still names an edited payload that was not purged', () => {
    expect(firstChainBreak([good[0]!, { ...good[1]!, payload: { complaintContent: '无' } }])).toEqual({ reason: 'digest', index: 1 });
  });
  it('names a purged entry whose kept digest was changed', () => {
    expect(firstChainBreak([purge(good[0]!), { ...purge(good[1]!), payloadDigest: sha('{}') }])).toEqual({ reason: 'digest', index: 1 });
  });
  it('names a purged entry that still carries a payload (the digest does not cover it)', () => {
    expect(firstChainBreak([purge(good[0]!), { ...purge(good[1]!), payload: { complaintContent: '伪造' } }])).toEqual({ reason: 'digest', index: 1 });
  });
  it('does not let an entry pass as purged without its digest', () => {
    expect(firstChainBreak([{ ...purge(good[0]!), payloadDigest: null }])).toEqual({ reason: 'digest', index: 0 });
  });
});
