import { describe, expect, it } from 'vitest';
import { newBusinessKey } from './case-service';

describe('newBusinessKey', () => {
  it('names the day the case was started in China, whatever the server’s clock zone', () => {
    expect(newBusinessKey(new Date('2026-12-01T15:59:59Z'))).toMatch(/^20261201-[0-9A-F]{8}$/); // 23:59:59 in China
    expect(newBusinessKey(new Date('2026-12-01T16:00:00Z'))).toMatch(/^20261202-[0-9A-F]{8}$/); // 00:00 on the 2nd in China
    expect(newBusinessKey(new Date('2026-12-31T20:00:00Z'))).toMatch(/^20270101-[0-9A-F]{8}$/);
  });
});
