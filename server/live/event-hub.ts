import type { SessionUser } from '../../contract';
import { liveAudience, listenForLiveEvents, type LiveEvent, type LiveListener } from '../../db/live-events';
import type { Db } from '../../db/pool';

// One per API process: one LISTEN connection, fanned out to the event streams (/api/events) open
// here. Each event goes only to the streams whose user may see what it is about (liveAudience);
// with several API processes on one database, each hears every NOTIFY and serves its own streams.

export interface LiveStream {
  user: SessionUser;
  send(event: 'task' | 'case' | 'notice' | 'resync', data: Record<string, string>): void;
}

export interface EventHub {
  subscribe(stream: LiveStream): () => void;
  close(): Promise<void>;
}

export function createEventHub(db: Db): EventHub {
  const streams = new Set<LiveStream>();
  let listener: LiveListener | undefined;

  async function deliver(e: LiveEvent) {
    const open = [...streams];
    if (!open.length) return;
    let audience: Set<string>;
    try {
      audience = await liveAudience(db, e, open.map((s) => s.user));
    } catch (err) {
      // Nobody gets an event their rights were not checked for; their polling still catches up.
      process.stderr.write(`[live] could not check who may see an event: ${(err as Error).message}\n`);
      return;
    }
    for (const s of open) {
      if (!audience.has(s.user.id) || !streams.has(s)) continue;
      if (e.k === 'task') s.send('task', { caseId: e.c, taskId: e.t });
      else if (e.k === 'case') s.send('case', { caseId: e.c });
      else s.send('notice', {});
    }
  }

  return {
    subscribe(stream) {
      // The connection is opened with the first stream: an API nobody watches live holds none.
      listener ??= listenForLiveEvents(
        db,
        (e) => void deliver(e),
        () => {
          for (const s of streams) s.send('resync', {});
        },
      );
      streams.add(stream);
      return () => streams.delete(stream);
    },
    async close() {
      streams.clear();
      await listener?.close();
      listener = undefined;
    },
  };
}
