// Recomputes a case's audit chain without the database, so an exported trail can be checked
// offline. The digest must be byte for byte the one `case_event_digest` (migrations 006, 047) computes:
// it hashes `payload::text`, PostgreSQL's own rendering of the jsonb, so that rendering is
// reproduced here (key order, spacing, escapes, numbers without exponent).
import { createHash } from 'node:crypto';

/** One trail entry as an export carries it: the digested fields exactly as stored. */
export interface ChainedEntry {
  caseId: string;
  kind: string;
  taskId: string | null;
  actorId: string | null;
  /** UTC with microseconds, as the digest formats it: 2026-11-30T07:01:02.123456Z. */
  at: string;
  payload: unknown;
  /** sha256 of the payload's text (migration 047 on); absent or null: the digest covers the text itself. */
  payloadDigest?: string | null;
  /** The payload was destroyed with the case's archive: only `payloadDigest` speaks for it. */
  purged?: boolean;
  prevHash: string | null;
  hash: string | null;
}

/** jsonb's text output: keys shortest first then by bytes, `", "` and `": "` separators. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numericText(value);
  if (typeof value === 'string') return jsonbString(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    keys.sort(jsonbKeyOrder);
    return `{${keys.map((k) => `${jsonbString(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  throw new TypeError(`not JSON: ${typeof value}`);
}

function jsonbKeyOrder(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length - bb.length || Buffer.compare(ba, bb);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function jsonbString(s: string): string {
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** numeric's output of the number JSON.stringify wrote: the same digits, never an exponent. */
export function numericText(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`not JSON: ${n}`);
  const text = String(n === 0 ? 0 : n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = '', exp] = m;
  const digits = int! + frac;
  const point = int!.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** What stands where a payload destroyed with the case's archive was (migration 047's trigger allows only this). */
export const CONTENT_DESTROYED_TEXT = '内容已随档案销毁';
export const CONTENT_DESTROYED = { contentDestroyed: CONTENT_DESTROYED_TEXT } as const;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the digest covers for the payload, as `case_event_digest` (migration 047) decides it. */
function payloadPart(e: ChainedEntry): string {
  if (!e.payloadDigest) return jsonbText(e.payload);
  return `sha256:${e.purged ? e.payloadDigest : sha256(jsonbText(e.payload))}`;
}

export function entryDigest(prev: string, e: ChainedEntry): string {
  return sha256([prev, e.caseId, e.kind, e.taskId ?? '', e.actorId ?? '', e.at, payloadPart(e)].join('|'));
}

export type ChainBreak =
  | { reason: 'digest'; index: number }
  | { reason: 'link'; index: number }
  | { reason: 'count'; index: number; expected: number }
  | { reason: 'head'; index: number };

/**
 * The first entry, in the file's order, the chain does not vouch for: its digest differs from its
 * content (edited) or it does not follow the entry before it (one removed, inserted or moved).
 * `count` and `head` are what the export promised; they catch a removed last entry.
 */
export function firstChainBreak(entries: readonly ChainedEntry[], promised?: { count: number; head: string | null }): ChainBreak | null {
  let prev = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if ((e.prevHash ?? '') !== prev) return { reason: 'link', index: i };
    if (!e.hash || entryDigest(prev, e) !== e.hash) return { reason: 'digest', index: i };
    // A purged entry's payload is not covered by the digest, so it may only be the marker.
    if (e.purged && jsonbText(e.payload) !== jsonbText(CONTENT_DESTROYED)) return { reason: 'digest', index: i };
    prev = e.hash;
  }
  if (promised && promised.count !== entries.length) return { reason: 'count', index: Math.min(promised.count, entries.length), expected: promised.count };
  if (promised && (promised.head ?? '') !== prev) return { reason: 'head', index: entries.length };
  return null;
}
