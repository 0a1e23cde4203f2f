import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate';
import { messages } from './allMessages';
import type { MessageKey } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has every string in both languages with the same placeholders', () => {
    for (const key of Object.keys(messages['zh-CN']) as MessageKey[]) {
      expect(messages['zh-CN'][key].trim(), key).not.toBe('');
      expect(messages.en[key].trim(), key).not.toBe('');
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages['zh-CN'][key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('已选 {n} 项', { n: 3 })).toBe('已选 3 项');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
