import type { AuditEntry } from '../../../contract';
import { taskElements } from './caseEvents';

// The auditor's playback: the case's trail replayed on its diagram one entry at a time. Each frame is
// the diagram as it stood right after that entry — the steps waiting then, how often each had
// completed, and the element the entry is about (lit).

export interface PlaybackFrame {
  entry: AuditEntry;
  /** The element this entry is about (its task's step, or the element an incident names); null for case-level entries. */
  elementId: string | null;
  /** Steps with an open task after this entry. */
  active: string[];
  /** Completions per element up to and including this entry. */
  completed: Record<string, number>;
}

const CLOSES = new Set(['task.completed', 'task.cancelled']);

export function playbackFrames(entries: readonly AuditEntry[]): PlaybackFrame[] {
  const elements = taskElements(entries);
  const open = new Map<string, string>(); // taskId → element
  const completed: Record<string, number> = {};
  return entries.map((entry) => {
    const fromTask = entry.taskId ? elements.get(entry.taskId) : undefined;
    const named = typeof entry.payload.elementId === 'string' ? entry.payload.elementId : undefined;
    const elementId = fromTask ?? named ?? null;
    if (entry.taskId && fromTask) {
      if (entry.kind === 'task.opened') open.set(entry.taskId, fromTask);
      if (CLOSES.has(entry.kind)) open.delete(entry.taskId);
      if (entry.kind === 'task.completed') completed[fromTask] = (completed[fromTask] ?? 0) + 1;
    }
    if (entry.kind === 'case.ended') open.clear();
    return { entry, elementId, active: [...new Set(open.values())], completed: { ...completed } };
  });
}
