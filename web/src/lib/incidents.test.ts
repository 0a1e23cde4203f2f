import { describe, expect, it } from 'vitest';
import { parseCorrections } from './incidents';

describe('the corrections box of a retry', () => {
  it('takes nothing, or one JSON object; refuses anything else', () => {
    expect(parseCorrections('  ')).toEqual({ ok: true });
    expect(parseCorrections('{"amount": 50, "note": "改"}')).toEqual({ ok: true, variables: { amount: 50, note: '改' } });
    for (const bad of ['[1, 2]', '50', '"text"', 'null', '{amount: 50}', '{"a": 1']) expect(parseCorrections(bad), bad).toEqual({ ok: false });
  });
});
