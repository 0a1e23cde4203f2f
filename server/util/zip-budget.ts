import { inflateRawSync } from 'node:zlib';

/**
 * Whether a zip (an .xlsx workbook) unpacks to at most `limit` bytes ('within'), more ('over'), or cannot be read. ExcelJS unpacks every part into
 * memory before anything can be counted, so a 1 MB upload could become a gigabyte on the API's one
 * thread. Each entry is inflated here with a cap (the sizes a zip declares can lie), stopping at the
 * first byte over. 'unreadable' for what cannot be read as a plain zip (ZIP64, encryption, an unknown
 * method): an .xlsx the import accepts is none of these.
 */
export function zipUnpackedSize(bytes: Buffer, limit: number): 'within' | 'over' | 'unreadable' {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return 'unreadable';
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 'unreadable';
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (flags & 1 || compressed === 0xffffffff || local === 0xffffffff) return 'unreadable';
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return 'unreadable';
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    if (data.length !== compressed) return 'unreadable';
    if (method === 0) total += compressed;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total + 1) }).length;
      } catch (err) {
        return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'over' : 'unreadable';
      }
    } else return 'unreadable';
    if (total > limit) return 'over';
  }
  return 'within';
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}
