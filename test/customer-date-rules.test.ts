import { describe, expect, it } from 'vitest';
import { importantDateExists } from '../contract/customer-date-rules';

describe('importantDateExists', () => {
  it('knows each month\'s last day', () => {
    expect(importantDateExists(1, 31, null)).toBe(true);
    expect(importantDateExists(4, 30, null)).toBe(true);
    expect(importantDateExists(4, 31, null)).toBe(false);
    expect(importantDateExists(12, 31, undefined)).toBe(true);
    expect(importantDateExists(6, 0, null)).toBe(false);
    expect(importantDateExists(13, 1, null)).toBe(false);
  });

  it('takes 29 February without a year, or with a leap year only', () => {
    expect(importantDateExists(2, 29, null)).toBe(true);
    expect(importantDateExists(2, 29, 2008)).toBe(true);
    expect(importantDateExists(2, 29, 2000)).toBe(true);
    expect(importantDateExists(2, 29, 1900)).toBe(false);
    expect(importantDateExists(2, 29, 2023)).toBe(false);
    expect(importantDateExists(2, 30, null)).toBe(false);
  });
});
