// A case's trail is numbered 1, 2, 3 … for the people who read it. The events' `seq` is one
// sequence shared by every case (the hash chain and its verification order by it), so within one
// case it skips (75, 84, 95) wherever other cases wrote in between; people are shown the number.

/** Each entry with `n`, its place in its case's trail in `seq` order (1 for the first). */
export function numberTrail<T extends { seq: number }>(entries: readonly T[]): Array<T & { n: number }> {
  return [...entries].sort((a, b) => a.seq - b.seq).map((e, i) => ({ ...e, n: i + 1 }));
}

/** The per-case number of the entry with global sequence `seq`; null when the trail has no such entry. */
export function numberOfSeq(entries: ReadonlyArray<{ seq: number }>, seq: number | null): number | null {
  if (seq === null) return null;
  const i = [...entries].sort((a, b) => a.seq - b.seq).findIndex((e) => e.seq === seq);
  return i < 0 ? null : i + 1;
}
