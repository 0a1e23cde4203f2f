import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract';
import { playbackFrames } from './playback';

const entry = (n: number, kind: string, taskId: string | null, payload: Record<string, unknown> = {}): AuditEntry => ({
  seq: n, n, kind, taskId, actorId: null, actorName: null, assigneeName: null, at: `2026-10-0${n}T00:00:00Z`, payload, prevHash: null, hash: null,
});

describe('playbackFrames', () => {
  it('lights each entry’s element and keeps the steps waiting and the completions as they stood after it', () => {
    const frames = playbackFrames([
      entry(1, 'case.started', null),
      entry(2, 'task.opened', 'c/t1', { elementId: 'review' }),
      entry(3, 'task.completed', 'c/t1', { outcome: 'approve' }),
      entry(4, 'task.opened', 'c/t2', { elementId: 'handle' }),
      entry(5, 'incident.raised', null, { elementId: 'handle' }),
      entry(6, 'case.ended', null),
    ]);
    expect(frames.map((f) => [f.elementId, f.active, f.completed])).toEqual([
      [null, [], {}],
      ['review', ['review'], {}],
      ['review', [], { review: 1 }],
      ['handle', ['handle'], { review: 1 }],
      ['handle', ['handle'], { review: 1 }],
      [null, [], { review: 1 }],
    ]);
  });
});
