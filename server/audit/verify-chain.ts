// Checks a case's audit chain: every event's stored hash equals the digest recomputed from its
// content and its predecessor's hash, and the events form one unbroken line from the first.

export interface ChainEntry {
  seq: number;
  prevHash: string | null;
  hash: string | null;
  /** The digest recomputed from the stored content and prevHash. */
  expected: string;
}

export function verifyChain(entries: ChainEntry[]): { verified: boolean; brokenAtSeq: number | null } {
  const bySeq = [...entries].sort((a, b) => a.seq - b.seq);
  for (const e of bySeq) if (!e.hash || e.hash !== e.expected) return { verified: false, brokenAtSeq: e.seq };
  const next = new Map<string, ChainEntry[]>();
  for (const e of bySeq) next.set(e.prevHash ?? '', [...(next.get(e.prevHash ?? '') ?? []), e]);
  const linked = new Set<number>();
  let at = '';
  for (;;) {
    const successors = next.get(at) ?? [];
    if (successors.length === 0) break;
    // Two events claiming the same predecessor: one was inserted around the chain.
    if (successors.length > 1) return { verified: false, brokenAtSeq: Math.max(...successors.map((s) => s.seq)) };
    linked.add(successors[0]!.seq);
    at = successors[0]!.hash!;
  }
  const stray = bySeq.find((e) => !linked.has(e.seq));
  return stray ? { verified: false, brokenAtSeq: stray.seq } : { verified: true, brokenAtSeq: null };
}
