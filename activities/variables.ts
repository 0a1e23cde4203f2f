// Reading case variables in service-task activities: what a form or a FEEL mapping produced is
// untyped JSON, so each record keeps only values its columns can hold.

/** A non-blank string, trimmed; otherwise null. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A finite number, also from a numeric string; otherwise null. */
export const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** `v` when it is one of `allowed`; otherwise null. */
export const oneOf = <T extends string>(allowed: readonly T[], v: unknown): T | null => (allowed.includes(v as T) ? (v as T) : null);
