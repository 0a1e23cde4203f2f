/** Parses the optional corrections box: a JSON object, or nothing. */
export function parseCorrections(text: string): { ok: true; variables?: Record<string, unknown> } | { ok: false } {
  if (!text.trim()) return { ok: true };
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? { ok: true, variables: v as Record<string, unknown> } : { ok: false };
  } catch {
    return { ok: false };
  }
}
