import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createEventHub, type LiveStream } from '../live/event-hub';
import { currentUser, requireUser, SESSION_COOKIE } from '../auth/session-plugin';

/** A comment line now and then keeps proxies from closing a quiet stream, and re-checks the session. */
const HEARTBEAT_MS = 15_000;

// GET /api/events: server-sent events telling the console what to refetch (issue 19). Each event
// names only ids (a task, a case) or that the bell changed; the console refetches through the
// ordinary routes, so what it then shows is decided there. No Last-Event-ID replay: after a gap
// (a reconnect, a lost LISTEN connection) the console is told to refetch everything it shows.
export const eventRoutes: FastifyPluginAsyncZod<{ heartbeatMs?: number }> = async (app, opts) => {
  const hub = createEventHub(app.db);
  const ends = new Set<() => void>();
  // Before the server waits for its connections to end: a stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const end of [...ends]) end();
    await hub.close();
  });

  app.get(
    '/api/events',
    {
      preHandler: requireUser,
      schema: { tags: ['notifications'], summary: 'Live events (text/event-stream): which tasks, cases and notices changed for the signed-in user' },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]!;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx and the like would otherwise hold events back to fill a buffer.
        'x-accel-buffering': 'no',
      });
      let seq = 0;
      const write = (text: string) => {
        if (!res.writableEnded) res.write(text);
      };
      const stream: LiveStream = {
        user: currentUser(request),
        send: (event, data) => write(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      };
      const unsubscribe = hub.subscribe(stream);
      // retry: how long the browser waits before reconnecting; the first `resync` says the stream is
      // up (the console then polls slowly, and refetches once, for what it missed while it was down).
      write(`retry: 3000\n\n`);
      stream.send('resync', {});
      const heartbeat = setInterval(() => {
        void (async () => {
          // A signed-out or expired session, or changed roles, count from the next beat.
          const user = await app.repos.users.userForSession(token).catch(() => undefined);
          if (!user) return end();
          stream.user = user;
          write(`: ping\n\n`);
        })();
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        ends.delete(end);
        if (!res.writableEnded) res.end();
      };
      ends.add(end);
      request.raw.on('close', end);
    },
  );
};
