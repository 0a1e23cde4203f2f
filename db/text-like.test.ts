import { describe, expect, it } from 'vitest';
import { likeOperatorFor } from './text-like';

describe('likeOperatorFor', () => {
  it('takes LIKE for terms without cased characters', () => {
    for (const term of ['批量案例 77', '宁波港城', 'C0005', '２０２６', '客户（华东）、投诉-12', '%_\\']) {
      expect(likeOperatorFor(term), term).toBe(term === 'C0005' ? 'ILIKE' : 'LIKE');
    }
  });

  it('keeps ILIKE for any letter with case, fullwidth and Greek included, and for combining marks', () => {
    for (const term of ['abc', '宁波 Port', 'Ａ公司', 'Σ', 'ß', 'i\u0307', '\u0307', 'Ⓐ', 'ⅰ']) expect(likeOperatorFor(term), term).toBe('ILIKE');
  });
});
