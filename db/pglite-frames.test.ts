import { describe, expect, it } from 'vitest';
import { BackendTracker, FrameReader, message } from './pglite-frames';

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
