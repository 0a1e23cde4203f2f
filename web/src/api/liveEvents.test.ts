import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLiveEvents, pollInterval } from './liveEvents';

class FakeSource {
  static last: FakeSource;
  listeners = new Map<string, Array<(e: MessageEvent) => void>>();
  closed = false;
  constructor(public url: string) {
    FakeSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: unknown = {}) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data) } as MessageEvent);
  }
  close() {
    this.closed = true;
  }
}

describe('connectLiveEvents', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refetches what an event names, once per burst, and polls slowly only while the stream is up', async () => {
    vi.stubGlobal('EventSource', FakeSource);
    const qc = new QueryClient();
    const invalidated: string[] = [];
    vi.spyOn(qc, 'invalidateQueries').mockImplementation(async (f) => void invalidated.push(JSON.stringify(f?.queryKey)));
    const stop = connectLiveEvents(qc, '/api/events', 0);
    const source = FakeSource.last;
    expect(source.url).toBe('/api/events');
    expect(pollInterval(5_000)()).toBe(5_000);

    source.emit('resync');
    expect(pollInterval(5_000)()).toBe(60_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(invalidated.sort()).toEqual(['["cases"]', '["notifications"]', '["tasks"]']);

    invalidated.length = 0;
    source.emit('task', { caseId: 'c1', taskId: 't1' });
    source.emit('task', { caseId: 'c1', taskId: 't2' });
    await new Promise((r) => setTimeout(r, 5));
    expect(invalidated.sort()).toEqual(['["cases","c1"]', '["cases","list"]', '["tasks"]']);

    invalidated.length = 0;
    source.emit('notice');
    await new Promise((r) => setTimeout(r, 5));
    expect(invalidated).toEqual(['["notifications"]']);

    source.emit('error');
    expect(pollInterval(5_000)()).toBe(5_000);
    stop();
    expect(source.closed).toBe(true);
  });
});
