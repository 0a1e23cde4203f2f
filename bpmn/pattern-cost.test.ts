import { describe, expect, it } from 'vitest';
import { regexWork } from './pattern-cost';

// C · n^k, an upper bound of a backtracking search's work on a text of n characters.
const k = (pattern: string, flags = '') => regexWork(pattern, flags).exponent;
const factor = (pattern: string) => Math.round(10 ** regexWork(pattern).log10Factor);

describe('regexWork', () => {
  it('counts the unbounded parts that may share out the same characters, plus the start positions of a search', () => {
    const cases: Array<[string, number]> = [
      ['^a*a*a*b$', 3], // three parts splitting a run of a's, anchored
      ['a*a*a*b', 4], // …and tried from every start
      ['^(.*)(.*)x$', 2], // plain groups are their parts
      ['😀+😀+x', 3], // a character outside the BMP is one character
      ['^[一-龥]+[丁-七]+x$', 2], // two ranges sharing characters between their ends
      ['^\\d*[a-z]*\\d*x$', 2], // the two \d* trade across an empty [a-z]*
      ['.*x.*z', 3],
      ['^A*a*b$', 1],
    ];
    for (const [pattern, exponent] of cases) expect(k(pattern), pattern).toBe(exponent);
    expect(k('^A*a*b$', 'i')).toBe(2); // case-insensitive, A and a are one character
    expect(k('^a*a*b$', 'm')).toBe(3); // ^ anchors every line: the search starts everywhere
  });

  it('cuts where a part that must match accepts no character of the unbounded parts before it, and multiplies the stretches', () => {
    expect(k('^\\s*\\S+\\s*$')).toBe(1);
    expect(k('^[a-z]+@[a-z]+\\.com$')).toBe(1);
    expect(k('^\\d{3}-\\d{4}$')).toBe(0);
    expect(k('^1[3-9]\\d{9}$')).toBe(0);
    expect(k('^a*aa*b$')).toBe(2); // a must-match part the parts before it accept does not cut
    // a^n b a^n against ^a*a*ba*a*c$: each of the first stretch's n ways runs the second's n ways (cubic, measured).
    expect(k('^a*a*ba*a*c$')).toBe(3);
  });

  it('does not count an unbounded part that ends the pattern, which never makes a match fail', () => {
    expect(k('.*退款.*')).toBe(2);
    expect(k('\\d+')).toBe(1);
    expect(k('\\d+x')).toBe(2);
    // Followed by $, \b or an empty group holding one, it can fail, and counts.
    expect(k('^.*退款.*$')).toBe(2); // "退款退款…\n": the second .* stops at the line break, $ fails, the first tries every 退款
    expect(k('^a*a*$')).toBe(2);
    expect(k('^a*a*\\b')).toBe(2);
    expect(k('^a*a*(?:$)')).toBe(2);
    expect(k('^a*a*(?<e>\\b)')).toBe(2);
    expect(k('x*x*^', 'm')).toBe(3);
  });

  it('puts the unbounded parts of a group with alternatives into the sequence around it (they trade with their neighbours)', () => {
    expect(k('(a|b)c*d')).toBe(2);
    expect(k('^(?:a*|b)(?:a*|b)(?:a*|b)(?:a*|b)c$')).toBe(4); // n^4, measured
    expect(k('^a*(?:a*|b)a*c$')).toBe(3);
    expect(k('^(?:a*a*b|c)(?:a*a*b|c)$')).toBeGreaterThanOrEqual(3);
    expect(k('a|b*b*c')).toBe(3);
    expect(k('^a|^b')).toBe(0);
  });

  it('reads `[]` and `[^]` as JavaScript does, and takes a class the sample cannot tell as sharing characters with anything', () => {
    expect(k('^[^]*[^]*[^]*x$')).toBe(3);
    expect(k('^\\p{sc=Cyrl}*\\p{sc=Cyrl}*\\p{sc=Cyrl}*x$')).toBe(3);
    expect(k('^\\p{sc=Hira}*\\p{L}*\\p{sc=Hira}*x$')).toBe(3);
    expect(k('^[ж-я]*[ж-я]*x$')).toBe(2);
  });

  it('stays linear in the length of the pattern, and exact on long patterns (it runs in workflow code on each call)', () => {
    // 20,000 different characters after .*: compared on a sample of every character the pattern writes, that was
    // 4·10^8 RegExp tests on each call; a literal character is now one test against each unbounded part.
    const distinct = Array.from({ length: 20_000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(k(`.*${distinct}`)).toBe(2);
    expect(k(`^${'a*b*'.repeat(2000)}c$`)).toBe(4000);
    // A long templated pattern keeps its cuts (weighed coarsely past 300 characters, it was taken as n^12).
    const field = '，客户名称：[^，]+，订单编号：\\d+';
    expect(k(`^合同${`(${field})`.repeat(14)}$`)).toBe(1); // 312 characters
    // Groups nested past 100 are not read (recursively): such a pattern is taken as slow as can be, never a stack overflow.
    expect(k(`${'(?:'.repeat(6000)}a${')'.repeat(6000)}*b`)).toBe(100);
    // Remembered: the same pattern is weighed once.
    expect(regexWork('^a*a*b$')).toBe(regexWork('^a*a*b$'));
  });

  it('keys what it remembers on the flags it reads: flags holding "/" cannot stand for another pattern', () => {
    expect(regexWork('x', '/a*a*a*a*').exponent).toBe(1);
    expect(regexWork('a*a*a*a*/x', '').exponent).toBe(5);
    expect(regexWork('^a*a*b$', 'gis').exponent).toBe(regexWork('^a*a*b$', 'i').exponent);
  });

  it('counts bounded choices in the constant, not the exponent: phone numbers and dates stay linear', () => {
    expect(k('\\b\\d{3,4}-?\\d{7,8}\\b')).toBe(1);
    expect(factor('\\b\\d{3,4}-?\\d{7,8}\\b')).toBe(8); // 2 × 2 × 2
    expect(k('^\\s*\\d{3,4}[- ]?\\d{7,8}\\s*$')).toBe(1);
    expect(k('.{0,10}退款.{0,10}')).toBe(1);
    expect(factor('.{0,10}退款.{0,10}')).toBe(121);
    expect(factor('(?:先生|女士)')).toBe(2);
    // Choices in a row multiply: (?:a|aa) thirty times splits 45 a's in about 10^8 ways.
    expect(regexWork(`^${'(?:a|aa)'.repeat(30)}b`).log10Factor).toBeCloseTo(30 * Math.log10(2), 5);
    expect(regexWork('^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$').log10Factor).toBeCloseTo(4 * Math.log10(3), 5);
  });
});
