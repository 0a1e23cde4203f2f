import type { AuditEntry, AuditTrail, Case, ReplayResult } from '../../../contract';
import type { MessageKey } from '../i18n/messages';
import { completedData, describeCaseEvent, eventActor, taskElements, type EventLine, type EventWords } from './caseEvents';
import { personLabel } from './person';
import { chinaDateTime, describeVariables, type Lang, type VariableDictionary } from './dictionary';

/** How many hex characters of a hash a row shows (the full hash is in a tooltip). */
export const SHORT_HASH_LENGTH = 10;

/** The first 10 hex characters of a hash; '—' when the entry has none (recorded before the chain existed, or broken). */
export const shortHash = (hash: string | null | undefined): string => (hash ? hash.slice(0, SHORT_HASH_LENGTH) : '—');

/** The trail oldest first (the server's order is not relied on). */
export const sortedEntries = (entries: readonly AuditEntry[]): AuditEntry[] => [...entries].sort((a, b) => a.seq - b.seq);

export interface ChainBadge {
  key: MessageKey;
  vars: Record<string, string | number>;
  color: 'success' | 'error';
}

/**
 * 审计链完整 (green) or 审计链在第 N 条断开 (red), N the entry's number in the case (`brokenAt`), as the
 * rows are numbered, never the sequence all cases share; a failed check without a position still reads as broken.
 */
export function chainBadge(trail: Pick<AuditTrail, 'verified' | 'brokenAt'>): ChainBadge {
  if (trail.verified) return { key: 'audit.chainOk', vars: {}, color: 'success' };
  if (trail.brokenAt !== null) return { key: 'audit.chainBroken', vars: { seq: trail.brokenAt }, color: 'error' };
  return { key: 'audit.chainBrokenUnknown', vars: {}, color: 'error' };
}

/**
 * Where a row stands in the chain: `broken` is the entry the server found broken, `unverified` every later
 * one (the chain no longer vouches for them), `ok` the rest. A failed check without a position marks all unverified.
 */
export type RowChainState = 'ok' | 'broken' | 'unverified';
export function rowChainState(seq: number, trail: Pick<AuditTrail, 'verified' | 'brokenAtSeq'>): RowChainState {
  if (trail.verified) return 'ok';
  if (trail.brokenAtSeq === null) return 'unverified';
  return seq === trail.brokenAtSeq ? 'broken' : seq > trail.brokenAtSeq ? 'unverified' : 'ok';
}

/** Seconds with one decimal below 10 s ("1.2"), whole seconds above ("42"). */
export function formatSeconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
}

export interface ReplayOutcome {
  type: 'success' | 'error';
  key: MessageKey;
  vars: Record<string, string | number>;
  /** The divergence text to show as it is (failure only). */
  detail?: string;
}

/** 重放一致 … with the event count, or 重放不一致 with the divergence. */
export function replayOutcome(r: ReplayResult): ReplayOutcome {
  const vars = { n: r.events, seconds: formatSeconds(r.durationMs) };
  if (r.ok) return { type: 'success', key: 'audit.replayOk', vars };
  return { type: 'error', key: 'audit.replayDiverged', vars, detail: r.divergence?.trim() || undefined };
}

/** The case's workflow in the Temporal Web UI of the embedded dev server (port 8233, namespace default). */
export const temporalUiHref = (hostname: string, caseId: string) => `http://${hostname}:8233/namespaces/default/workflows/${encodeURIComponent(caseId)}`;

/** `<businessKey>-audit.json`, characters that file systems refuse replaced by `_`. */
export function auditFileName(businessKey: string): string {
  const safe = businessKey.replace(/[\u0000-\u001f/\\:*?"<>|]/g, '_').trim() || 'case';
  return `${safe}-audit.json`;
}

/** What the reader's console needs to word a trail for people: its language and the case's dictionary. */
export interface TrailReader {
  lang: Lang;
  words: EventWords;
  dict: VariableDictionary;
  taskName: (taskId: string | null) => string;
  /** A history line in the reader's language (the console's t with the line's key and vars). */
  say: (line: EventLine, e: AuditEntry) => string;
  outcome: (outcome: string) => string;
  status: (status: string) => string;
  process: (processKey: string, version: number) => string;
}

/** One entry as a person reads it: China time, the actor by name (系统 for the engine), step and variables by label. */
export interface ReadableEntry {
  n: number;
  time: string;
  actor: string;
  what: string;
  step: string | null;
  outcome: string | null;
  note: string | null;
  /** Variable label → formatted value (¥, 是/否, option labels, China time). */
  data: Record<string, string>;
}

export function readableEntry(e: AuditEntry, r: TrailReader, processVersion?: number): ReadableEntry {
  const line = describeCaseEvent(e, r.taskName, processVersion, r.words);
  const { known, other } = describeVariables(r.dict, completedData(e), r.lang);
  return {
    // The number people see: the entry's place in this case's trail (the shared seq stays internal).
    n: e.n,
    time: chinaDateTime(e.at) ?? e.at,
    actor: eventActor(e, r.words),
    what: r.say(line, e),
    step: e.taskId ? r.taskName(e.taskId) : null,
    outcome: line.outcome ? r.outcome(line.outcome) : null,
    note: line.note ?? null,
    data: Object.fromEntries([...known, ...other].map((v) => [v.label, v.text])),
  };
}

type ExportedCase = Pick<Case, 'id' | 'businessKey' | 'title' | 'processKey' | 'processVersion' | 'status' | 'startedAt' | 'endedAt'> & Partial<Pick<Case, 'initiatorId' | 'initiatorName'>>;

/**
 * The export: which case, when it was exported, the server's verification, and every entry oldest
 * first as recorded (what the hash chain covers, for a verifier); with a reader, also `readable`:
 * the case and the entries as the console shows them, for a person.
 */
export function auditExport(c: ExportedCase, trail: AuditTrail, exportedAt: Date, reader?: TrailReader) {
  const entries = sortedEntries(trail.entries);
  return {
    case: { id: c.id, businessKey: c.businessKey, title: c.title, processKey: c.processKey, processVersion: c.processVersion, status: c.status, startedAt: c.startedAt, endedAt: c.endedAt },
    exportedAt: exportedAt.toISOString(),
    verification: { verified: trail.verified, brokenAt: trail.brokenAt, brokenAtSeq: trail.brokenAtSeq },
    entries,
    ...(reader && {
      readable: {
        case: {
          businessKey: c.businessKey,
          title: c.title,
          process: reader.process(c.processKey, c.processVersion),
          status: reader.status(c.status),
          initiator: c.initiatorId === undefined ? null : c.initiatorId === null ? null : personLabel(c.initiatorId, c.initiatorName, reader.words.system),
          startedAt: chinaDateTime(c.startedAt) ?? c.startedAt,
          endedAt: c.endedAt ? (chinaDateTime(c.endedAt) ?? c.endedAt) : null,
          exportedAt: chinaDateTime(exportedAt.toISOString()),
        },
        entries: entries.map((e) => readableEntry(e, reader, c.processVersion)),
      },
    }),
  };
}

/**
 * Completed user-task elements and how often, from the trail (task.completed, via task.opened's element):
 * the diagram's 已完成 overlay once the workflow's own state is no longer available (retention).
 */
export function completedFromTrail(entries: readonly AuditEntry[]): Record<string, number> {
  const elements = taskElements(entries);
  const out: Record<string, number> = {};
  for (const e of entries) {
    const el = e.kind === 'task.completed' && e.taskId ? elements.get(e.taskId) : undefined;
    if (el) out[el] = (out[el] ?? 0) + 1;
  }
  return out;
}
