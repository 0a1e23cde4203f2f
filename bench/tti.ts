// Time to interactive, in the spirit of Lighthouse's: from navigation start, the first moment at or
// after the content is shown that is followed by `quietMs` without a long task (>50 ms) on the main thread.

export function timeToInteractive(shownAt: number, longTasks: Array<{ start: number; duration: number }>, quietMs = 500): number {
  let t = shownAt;
  for (const lt of [...longTasks].sort((a, b) => a.start - b.start)) {
    const end = lt.start + lt.duration;
    if (end <= t) continue;
    if (lt.start >= t + quietMs) break;
    t = end;
  }
  return t;
}
