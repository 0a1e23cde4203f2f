import { describe, expect, it } from 'vitest';
import { dropNewProcessDraft, readNewProcessDraft, saveNewProcessDraft } from './newProcessDraft';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('the draft of a process never deployed', () => {
  it('is kept per user, read back whole, and dropped', () => {
    const s = memoryStorage();
    const draft = { xml: '<bpmn:definitions/>', forms: { f: { components: [] } }, savedAt: '2026-11-30T10:00:00.000Z' };
    saveNewProcessDraft(s, 'zj.process_owner', draft);
    expect(readNewProcessDraft(s, 'zj.process_owner')).toEqual(draft);
    expect(readNewProcessDraft(s, 'js.process_owner')).toBeNull();
    dropNewProcessDraft(s, 'zj.process_owner');
    expect(readNewProcessDraft(s, 'zj.process_owner')).toBeNull();
  });

  it('reads an unreadable value as no draft', () => {
    const s = memoryStorage();
    for (const bad of ['{', '"x"', '[]', JSON.stringify({ xml: 5, savedAt: 'x' }), JSON.stringify({ xml: 'no markup', savedAt: 'x' })]) {
      s.m.set('shouwen.newProcessDraft.u', bad);
      expect(readNewProcessDraft(s, 'u'), bad).toBeNull();
    }
    s.m.set('shouwen.newProcessDraft.u', JSON.stringify({ xml: '<x/>', forms: [], savedAt: 't' }));
    expect(readNewProcessDraft(s, 'u')).toEqual({ xml: '<x/>', forms: {}, savedAt: 't' });
  });
});
