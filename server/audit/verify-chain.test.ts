import { describe, expect, it } from 'vitest';
import { verifyChain, type ChainEntry } from './verify-chain';

const chain = (n: number): ChainEntry[] =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, prevHash: i === 0 ? '' : `h${i}`, hash: `h${i + 1}`, expected: `h${i + 1}` }));

describe('audit chain verification', () => {
  it('accepts an unbroken chain, in any seq order', () => {
    expect(verifyChain(chain(5))).toEqual({ verified: true, brokenAtSeq: null, brokenAt: null });
    const shuffled = chain(3);
    [shuffled[0]!.seq, shuffled[2]!.seq] = [shuffled[2]!.seq, shuffled[0]!.seq];
    expect(verifyChain(shuffled).verified).toBe(true);
    expect(verifyChain([])).toEqual({ verified: true, brokenAtSeq: null, brokenAt: null });
  });
  it('names an edited event (content no longer matches its hash)', () => {
    const c = chain(4);
    c[2]!.expected = 'different';
    expect(verifyChain(c)).toEqual({ verified: false, brokenAtSeq: 3, brokenAt: 3 });
  });
  it('notices a deleted event (a gap) and an inserted branch', () => {
    const gap = chain(4).filter((e) => e.seq !== 2);
    // seq 3 is the case's second event once seq 2 is gone.
    expect(verifyChain(gap)).toEqual({ verified: false, brokenAtSeq: 3, brokenAt: 2 });
    const branch = [...chain(3), { seq: 9, prevHash: 'h1', hash: 'x', expected: 'x' }];
    expect(verifyChain(branch)).toEqual({ verified: false, brokenAtSeq: 9, brokenAt: 4 });
  });
  it("reports a break by the case's own number, not the global sequence other cases share", () => {
    // A case whose events are 75, 84, 95 of the global sequence (other cases wrote in between).
    const c = chain(3).map((e, i) => ({ ...e, seq: [75, 84, 95][i]! }));
    c[1]!.expected = 'edited';
    expect(verifyChain(c)).toEqual({ verified: false, brokenAtSeq: 84, brokenAt: 2 });
  });
});
