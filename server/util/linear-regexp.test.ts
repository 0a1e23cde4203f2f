import { describe, expect, it } from 'vitest';
import { enableLinearRegExpFallback } from './linear-regexp';

describe('the linear-time fallback for regular expressions', () => {
  it('lets an exponential pattern without flags finish on a crafted value (2^60 steps by backtracking)', () => {
    enableLinearRegExpFallback();
    const crafted = `${'a'.repeat(60)}!`;
    expect(new RegExp('^(a|a)*$').test(crafted)).toBe(false);
    expect(new RegExp('^(a+)+$').test(crafted)).toBe(false);
    expect(new RegExp('^(a+)+$').test('a'.repeat(60))).toBe(true);
  });
});
