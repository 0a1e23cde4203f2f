import { describe, expect, it } from 'vitest';
import { BackendTracker, FrameReader, message, withPrivateNames } from './pglite-frames';

const ready = (status: string) => message('Z', Buffer.from(status));

describe('FrameReader', () => {
  it('returns whole messages only, however the bytes are cut', () => {
    const stream = Buffer.concat([message('P', Buffer.from('abc\0')), message('S'), message('Q', Buffer.from('SELECT 1\0'))]);
    const reader = new FrameReader();
    const frames = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(frames.map((f) => f.type)).toEqual(['P', 'S', 'Q']);
    expect(Buffer.concat(frames.map((f) => f.bytes))).toEqual(stream);
  });

  it('refuses a length no message can have', () => {
    const bad = Buffer.from([0x51, 0, 0, 0, 2]);
    expect(() => new FrameReader().push(bad)).toThrow(/invalid message length/);
  });
});

describe('BackendTracker', () => {
  it('reads the transaction status of the last ReadyForQuery across chunks', () => {
    const answer = Buffer.concat([message('C', Buffer.from('BEGIN\0')), ready('T')]);
    const tracker = new BackendTracker(true);
    for (const byte of answer) tracker.push(Buffer.from([byte]));
    expect([tracker.lastType, tracker.lastStatus, tracker.idle]).toEqual(['Z', 'T', false]);
    tracker.push(Buffer.concat([message('C', Buffer.from('COMMIT\0')), ready('I')]));
    expect(tracker.idle).toBe(true);
  });

  it('is not idle when the answer ends before a ReadyForQuery, even if a row looks like one', () => {
    const row = message('D', Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 6]), ready('I')]));
    const tracker = new BackendTracker(true);
    tracker.push(Buffer.concat([message('1'), message('2'), row]));
    expect(tracker.idle).toBe(false);
    const halfReady = ready('I').subarray(0, 5);
    const second = new BackendTracker(false);
    second.push(Buffer.concat([ready('I'), message('C', Buffer.from('x\0')), halfReady]));
    expect(second.idle).toBe(false);
  });

  it('keeps the state it started in when there is no answer at all (a Flush)', () => {
    expect(new BackendTracker(true).idle).toBe(true);
    expect(new BackendTracker(false).idle).toBe(false);
  });
});

describe('withPrivateNames', () => {
  const frame = (type: string, ...parts: Array<string | Buffer>) => {
    const bytes = message(type, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    return { type, bytes };
  };
  const rename = (f: { type: string; bytes: Buffer }) => withPrivateNames(f, 'c7.').bytes;

  it('prefixes named statements and portals, wherever each message keeps them', () => {
    expect(rename(frame('P', 'get\0', 'SELECT $1\0', Buffer.from([0, 0])))).toEqual(message('P', Buffer.from('c7.get\0SELECT $1\0\0\0')));
    expect(rename(frame('B', 'cur\0', 'get\0', Buffer.from([0, 0, 0, 0, 0, 0])))).toEqual(message('B', Buffer.from('c7.cur\0c7.get\0\0\0\0\0\0\0')));
    expect(rename(frame('E', 'cur\0', Buffer.from([0, 0, 0, 5])))).toEqual(message('E', Buffer.from('c7.cur\0\0\0\0\x05')));
    expect(rename(frame('D', 'S', 'get\0'))).toEqual(message('D', Buffer.from('Sc7.get\0')));
    expect(rename(frame('C', 'P', 'cur\0'))).toEqual(message('C', Buffer.from('Pc7.cur\0')));
  });

  it('leaves the unnamed statement and portal, and other messages, as they are', () => {
    const bind = frame('B', '\0', '\0', Buffer.from([0, 0, 0, 0, 0, 0]));
    expect(rename(bind)).toEqual(bind.bytes);
    const query = frame('Q', 'SELECT 1\0');
    expect(rename(query)).toEqual(query.bytes);
  });
});
