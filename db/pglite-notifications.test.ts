import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from './pglite-frames';
import { listenCommand, NotificationSplitter } from './pglite-notifications';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './pglite-server';

const notice = (channel: string, payload: string) => message('A', Buffer.concat([Buffer.alloc(4), Buffer.from(`${channel}\0${payload}\0`)]));

describe('NotificationSplitter', () => {
  it('takes NotificationResponses out of an answer however it is cut, passing the rest in order', () => {
    const answer = Buffer.concat([message('C', Buffer.from('COMMIT\0')), notice('live', '{"k":"task"}'), message('Z', Buffer.from('I'))]);
    const splitter = new NotificationSplitter();
    const parts = [...answer].map((byte) => splitter.push(Buffer.from([byte])));
    expect(Buffer.concat(parts.map((p) => p.passed))).toEqual(Buffer.concat([message('C', Buffer.from('COMMIT\0')), message('Z', Buffer.from('I'))]));
    expect(parts.flatMap((p) => p.notifications.map((n) => n.channel))).toEqual(['live']);
  });

  it('passes a long message cut into many chunks whole, once', () => {
    const row = message('D', Buffer.alloc(100_000, 7));
    const splitter = new NotificationSplitter();
    const out: Buffer[] = [];
    for (let i = 0; i < row.length; i += 1_000) out.push(splitter.push(row.subarray(i, i + 1_000)).passed);
    expect(out.filter((b) => b.length > 0)).toEqual([row]);
  });

  it('reads LISTEN and UNLISTEN commands, channel names as PostgreSQL folds them', () => {
    expect(listenCommand('LISTEN Shouwen_Live;')).toEqual({ listen: true, channel: 'shouwen_live' });
    expect(listenCommand('unlisten "Live"')).toEqual({ listen: false, channel: 'Live' });
    expect(listenCommand('SELECT 1; LISTEN x')).toBeUndefined();
  });
});

// PGlite is one session: without forwarding, a NOTIFY reached only the client that committed it.
describe('LISTEN/NOTIFY through the embedded database', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({ port: 0 });
  }, 120_000);
  afterAll(async () => embedded?.stop());

  it('delivers a committed notification to another client that listens, and not to one that does not', async () => {
    const [listener, writer, bystander] = [new pg.Client(embedded.url), new pg.Client(embedded.url), new pg.Client(embedded.url)];
    await Promise.all([listener.connect(), writer.connect(), bystander.connect()]);
    try {
      const heard: string[] = [];
      const overheard: string[] = [];
      listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
      bystander.on('notification', (n) => overheard.push(`${n.channel}:${n.payload}`));
      writer.on('notification', (n) => overheard.push(`${n.channel}:${n.payload}`));
      await listener.query('LISTEN shouwen_test');
      await writer.query('BEGIN');
      await writer.query(`SELECT pg_notify('shouwen_test', 'one')`);
      await writer.query('COMMIT');
      await writer.query(`SELECT pg_notify('shouwen_other', 'not listened to')`);
      // A round trip on each client after the commit: any notification sent to it has arrived.
      await Promise.all([listener.query('SELECT 1'), bystander.query('SELECT 1'), writer.query('SELECT 1')]);
      expect(heard).toEqual(['shouwen_test:one']);
      expect(overheard).toEqual([]);
    } finally {
      await Promise.all([listener.end(), writer.end(), bystander.end()]);
    }
  });
});
