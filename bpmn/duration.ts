// ISO 8601 durations for BPMN timers, pure so the interpreter can use it deterministically.
// Years and months have no fixed length; they are refused rather than guessed.

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration such as `PT2H`, `P3D`, `P1DT12H`, `PT1.5S`; undefined if invalid. */
export function parseIsoDuration(iso: string): number | undefined {
  const m = DURATION.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  if ([w, d, h, min, s].every((v) => v === 0) && !/[1-9]/.test(iso)) return 0;
  return Math.round(((((w! * 7 + d!) * 24 + h!) * 60 + min!) * 60 + s!) * 1000);
}

/** Epoch milliseconds of an ISO 8601 date-time with an explicit offset (or Z); undefined otherwise. */
export function parseIsoDateTime(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(iso.trim())) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
