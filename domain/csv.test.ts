import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv } from './csv';

describe('csv', () => {
  it('reads quoted commas, quotes and line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\ufeff型号,备注\r\n"AC-200","含,逗号"\r\n"WP-10","说""好""\n两行"\n')).toEqual([
      ['型号', '备注'],
      ['AC-200', '含,逗号'],
      ['WP-10', '说"好"\n两行'],
    ]);
  });
  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n,,\n')).toEqual([['a', '', 'c'], ['', '', '']]);
  });
  it('neutralises formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
