// Checks a case's audit chain: every event's stored hash equals the digest recomputed from its
// content and its predecessor's hash, and the events form one unbroken line from the first. The chain
// is ordered by the global `seq`; a break is reported to people by the case's own number (1, 2, 3 …).
import { numberOfSeq } from '../../domain/case-trail';

export interface ChainEntry {
  seq: number;
  prevHash: string | null;
  hash: string | null;
  /** The digest recomputed from the stored content and prevHash. */
  expected: string;
}

export interface ChainVerdict {
  verified: boolean;
  /** The global sequence of the first broken event (internal: the chain's order). */
  brokenAtSeq: number | null;
  /** The same event numbered within its case, as the trail is shown. */
  brokenAt: number | null;
}

export function verifyChain(entries: ChainEntry[]): ChainVerdict {
  const brokenAtSeq = firstBreak(entries);
  return { verified: brokenAtSeq === null, brokenAtSeq, brokenAt: numberOfSeq(entries, brokenAtSeq) };
}

/** The seq of the first event the chain does not vouch for, or null when it verifies. */
function firstBreak(entries: ChainEntry[]): number | null {
  const bySeq = [...entries].sort((a, b) => a.seq - b.seq);
  for (const e of bySeq) if (!e.hash || e.hash !== e.expected) return e.seq;
  const next = new Map<string, ChainEntry[]>();
  for (const e of bySeq) next.set(e.prevHash ?? '', [...(next.get(e.prevHash ?? '') ?? []), e]);
  const linked = new Set<number>();
  let at = '';
  for (;;) {
    const successors = next.get(at) ?? [];
    if (successors.length === 0) break;
    // Two events claiming the same predecessor: one was inserted around the chain.
    if (successors.length > 1) return Math.max(...successors.map((s) => s.seq));
    linked.add(successors[0]!.seq);
    at = successors[0]!.hash!;
  }
  const stray = bySeq.find((e) => !linked.has(e.seq));
  return stray ? stray.seq : null;
}
