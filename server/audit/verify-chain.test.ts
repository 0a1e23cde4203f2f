import { describe, expect, it } from 'vitest';
import { verifyChain, type ChainEntry } from './verify-chain';

const chain = (n: number): ChainEntry[] =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, prevHash: i === 0 ? '' : `h${i}`, hash: `h${i + 1}`, expected: `h${i + 1}` }));

describe('audit chain verification', () => {
  it('accepts an unbroken chain, in any seq order', () => {
    expect(verifyChain(chain(5))).toEqual({ verified: true, brokenAtSeq: null });
    const shuffled = chain(3);
    [shuffled[0]!.seq, shuffled[2]!.seq] = [shuffled[2]!.seq, shuffled[0]!.seq];
    expect(verifyChain(shuffled).verified).toBe(true);
    expect(verifyChain([])).toEqual({ verified: true, brokenAtSeq: null });
  });
  it('names an edited event (content no longer matches its hash)', () => {
    const c = chain(4);
    c[2]!.expected = 'different';
    expect(verifyChain(c)).toEqual({ verified: false, brokenAtSeq: 3 });
  });
  it('notices a deleted event (a gap) and an inserted branch', () => {
    const gap = chain(4).filter((e) => e.seq !== 2);
    expect(verifyChain(gap)).toEqual({ verified: false, brokenAtSeq: 3 });
    const branch = [...chain(3), { seq: 9, prevHash: 'h1', hash: 'x', expected: 'x' }];
    expect(verifyChain(branch)).toEqual({ verified: false, brokenAtSeq: 9 });
  });
});
