/** The ids before and after `id` in `ids` (null at the ends or when `id` is not in the list). */
export function neighbours(ids: readonly string[], id: string): { prev: string | null; next: string | null; index: number } {
  const index = ids.indexOf(id);
  if (index < 0) return { prev: null, next: null, index };
  return { prev: ids[index - 1] ?? null, next: ids[index + 1] ?? null, index };
}

/** Where to go once `id` is done: the task after it, else the one before it, else nowhere. */
export function successorOf(ids: readonly string[], id: string): string | null {
  const { prev, next } = neighbours(ids, id);
  return next ?? prev;
}

/** Clamps a row index into a list of `length` rows (-1 for an empty list). */
export const clampIndex = (index: number, length: number) => (length === 0 ? -1 : Math.min(Math.max(index, 0), length - 1));
