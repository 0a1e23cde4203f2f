import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipOf } from './zip-builder';
import { zipUnpackedSize } from '../server/util/zip-budget';

const MB = 1024 * 1024;

describe('what a zip unpacks to', () => {
  it('counts the inflated bytes, whatever the zip declares, and stops at the first byte over', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('products').addRow(['产品编号', '产品名称']);
    expect(zipUnpackedSize(Buffer.from(await wb.xlsx.writeBuffer()), MB)).toBe('within');

    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * MB) }]);
    expect(bomb.length).toBeLessThan(MB / 4);
    expect(zipUnpackedSize(bomb, 20 * MB)).toBe('over');
    // Many parts, each under the limit, over it together.
    expect(zipUnpackedSize(zipOf(Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, data: Buffer.alloc(5 * MB) }))), 20 * MB)).toBe('over');
    expect(zipUnpackedSize(zipOf(Array.from({ length: 3 }, (_, i) => ({ name: `p${i}`, data: Buffer.alloc(5 * MB) }))), 20 * MB)).toBe('within');

    // A zip that declares 1 byte for a part of 64 MB is counted by what it holds.
    const lying = Buffer.from(bomb);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1, central + 24);
    expect(zipUnpackedSize(lying, 20 * MB)).toBe('over');
  });

  it('calls what is not a plain zip unreadable', () => {
    expect(zipUnpackedSize(Buffer.from('产品编号,产品名称\r\n'), MB)).toBe('unreadable');
    expect(zipUnpackedSize(zipOf([{ name: 'a', data: Buffer.from('x') }]).subarray(0, 40), MB)).toBe('unreadable');
  });
});
