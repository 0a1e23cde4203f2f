import { describe, expect, it } from 'vitest';
import { patternVerdict } from './pattern-safety';

describe('pattern safety', () => {
  it('refuses what backtracks exponentially: nested repetition, repeated alternation (any depth, any unbounded count), back-references, lookarounds', () => {
    for (const p of ['^(a+)+$', '(x*)*y', '^(a|a)*$', '^(\\d|\\d\\d)+$', '^((a|b)c){2,}$', '^(?:a|ab){1,100}$', '^((ab|a)x)+$', '(a)\\1', '(?<n>a)\\k<n>', '^(?=a)a', '(?!a)b', '(?<=a)b', '(?<!a)b']) {
      expect(patternVerdict(p), p).toBe('slow');
    }
  });

  it('reads `[]` (nothing) and `[^]` (anything) as JavaScript does, so an alternation after one is still seen', () => {
    for (const p of ['^[^](?:a|a)*[^]x', '^(?:x|[])(?:a|a)*[b]', '[](a|aa)+']) {
      expect(patternVerdict(p), p).toBe('slow');
      expect(patternVerdict(p, 'u'), p).toBe('slow');
    }
  });

  it('accepts what people write for formats, including alternation that is not repeated, and | or ( inside a character class', () => {
    for (const p of ['^[0-9+() -]{5,20}$', '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$', '^[a-z0-9]+$', '^(ab|cd)?$', '^(a|b){1}$', '^[|(]+$', '^\\(\\d+\\)$', '^(?:KH|TS)-\\d{8}-\\d{6}$', '^[\\u4e00-\\u9fa5]{2,20}$']) {
      expect(patternVerdict(p), p).toBe('ok');
    }
    expect(patternVerdict('(')).toBe('invalid');
  });
});
