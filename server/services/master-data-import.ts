import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { feeBodySchema, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, productBodySchema, purchaseBodySchema, type FeeBody, type ProductBody, type PurchaseBody } from '../../contract';
import { csvCell, parseCsv } from '../../domain/csv';
import { shanghaiDate } from '../../domain/china-time';
import { inTransaction, type Db } from '../../db/pool';
import { insertPurchase, InvoiceTakenError, upsertFee, upsertProduct } from '../../db/products';
import type { SessionUser } from '../../db/users';
import { HttpProblem, unprocessable, type FieldError } from '../http/problem';
import type { FollowUpStarter } from './follow-up-start';
import { purchaseRefusal, saleOf } from './purchase-service';
import { zipUnpackedSize } from '../util/zip-budget';

// Importing master data from CSV or Excel (issue 14): a template per kind with Chinese column
// names; every bad row is named by its row number in the file and its column, in Chinese; a file
// with any bad row writes nothing, and a good file is written in one transaction. Purchases start
// their follow-up cases after the commit, keyed by the purchase (follow-up-start.ts), so a file
// imported twice starts none twice.

export const IMPORT_KINDS = ['products', 'fees', 'purchases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS };

interface Column {
  field: string;
  label: string;
  type: 'text' | 'number' | 'boolean' | 'date';
  required?: boolean;
}

const COLUMNS: Record<ImportKind, Column[]> = {
  products: [
    { field: 'id', label: '产品编号', type: 'text', required: true },
    { field: 'name', label: '产品名称', type: 'text', required: true },
    { field: 'model', label: '型号', type: 'text', required: true },
    { field: 'portable', label: '便携(是/否)', type: 'boolean', required: true },
    { field: 'warrantyMonths', label: '保修月数', type: 'number', required: true },
  ],
  fees: [
    { field: 'model', label: '型号', type: 'text', required: true },
    { field: 'serviceKind', label: '服务类型(维修/保养)', type: 'text', required: true },
    { field: 'fee', label: '费用(元)', type: 'number', required: true },
    { field: 'validFrom', label: '生效日期', type: 'date' },
  ],
  purchases: [
    { field: 'customerId', label: '客户编号', type: 'text', required: true },
    { field: 'productId', label: '产品编号', type: 'text', required: true },
    { field: 'purchasedOn', label: '购买日期', type: 'date', required: true },
    // Required in a file: it is what makes a row imported twice the same purchase.
    { field: 'invoiceNo', label: '发票号', type: 'text', required: true },
    { field: 'warrantyCardNo', label: '保修卡号', type: 'text' },
    { field: 'quantity', label: '数量', type: 'number' },
    { field: 'amount', label: '金额(元)', type: 'number', required: true },
    { field: 'paidAmount', label: '已付金额(元)', type: 'number' },
    { field: 'dueOn', label: '付款到期日', type: 'date' },
  ],
};

export const templateColumns = (kind: ImportKind) => COLUMNS[kind].map((c) => c.label);

export async function importTemplate(kind: ImportKind, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const labels = templateColumns(kind);
  if (format === 'csv') return Buffer.from(`\ufeff${labels.map(csvCell).join(',')}\r\n`, 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind);
  ws.addRow(labels).font = { bold: true };
  ws.columns.forEach((col) => (col.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a workbook may unpack to (its parts' sizes, inflated), and the columns read of each row. */
const IMPORT_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
const IMPORT_MAX_COLUMNS = 50;

const importProblem = (status: number, detail: string, code: string, params?: Record<string, string | number | string[]>, errors?: FieldError[]) =>
  new HttpProblem(status, status === 413 ? 'Content Too Large' : 'Unprocessable Content', detail, { code, ...(params && { params }), ...(errors && { errors }) });

type Cell = string | number | boolean | Date | null;

async function readTable(fileName: string, bytes: Buffer): Promise<Cell[][]> {
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    // Counted before ExcelJS unpacks it all into memory: 1 MB of zip may unpack to a gigabyte.
    const unpacked = zipUnpackedSize(bytes, IMPORT_MAX_UNPACKED_BYTES);
    if (unpacked === 'over') {
      const megabytes = IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024;
      throw importProblem(413, `The workbook unpacks to more than ${megabytes} MB.`, 'import.unpackedTooLarge', { megabytes });
    }
    if (unpacked === 'unreadable') throw importProblem(422, 'The file is not a readable Excel (.xlsx) workbook.', 'import.unreadable');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw importProblem(422, 'The file is not a readable Excel (.xlsx) workbook.', 'import.unreadable');
    }
    const ws = wb.worksheets[0];
    if (!ws) return [];
    if (ws.rowCount > IMPORT_MAX_ROWS + 1) throw tooManyRows(ws.rowCount - 1);
    const rows: Cell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Cell[] = [];
      // The templates' columns and a few more: a cell in the sheet's last column (XFD) made every row 16,384 cells.
      for (let c = 1; c <= Math.min(Math.max(row.cellCount, 1), IMPORT_MAX_COLUMNS); c++) {
        const v = row.getCell(c).value as unknown;
        if (v && typeof v === 'object' && !(v instanceof Date)) {
          // Rich text, hyperlinks and formulas: the text or the computed result.
          const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
          cells.push(o.richText ? o.richText.map((t) => t.text).join('') : ((o.result ?? o.text ?? null) as Cell));
        } else cells.push((v ?? null) as Cell);
      }
      rows.push(cells);
    }
    return rows;
  }
  if (/\.csv$/i.test(fileName) || !isZip) {
    const text = new TextDecoder('utf-8', { fatal: true });
    try {
      return parseCsv(text.decode(bytes));
    } catch {
      throw importProblem(422, 'The CSV file is not UTF-8 text; save it as "CSV UTF-8".', 'import.unreadable');
    }
  }
  return [];
}

const tooManyRows = (rows: number) => importProblem(422, `At most ${IMPORT_MAX_ROWS} rows per file (${rows} sent).`, 'import.tooManyRows', { max: IMPORT_MAX_ROWS, rows });

const isBlank = (v: Cell) => v === null || (typeof v === 'string' && v.trim() === '');

/** A cell as the field's type wants it, or why not (in Chinese: it is shown to the person who made the file). */
function convert(col: Column, v: Cell): { value?: unknown; error?: string } {
  if (isBlank(v)) return col.required ? { error: '必填' } : { value: undefined };
  const s = typeof v === 'string' ? v.trim() : v;
  switch (col.type) {
    case 'text':
      return { value: s instanceof Date ? shanghaiDate(s) : String(s) };
    case 'number': {
      const n = typeof s === 'number' ? s : Number(String(s).replaceAll(',', ''));
      return Number.isFinite(n) ? { value: Math.round(n * 100) / 100 } : { error: `应为数字（收到「${String(s).slice(0, 20)}」）` };
    }
    case 'boolean':
      if (s === true || s === '是' || s === 'Y' || s === 'y' || s === 'true' || s === 1) return { value: true };
      if (s === false || s === '否' || s === 'N' || s === 'n' || s === 'false' || s === 0) return { value: false };
      return { error: '应为「是」或「否」' };
    case 'date': {
      // Excel keeps a date as midnight UTC of that calendar day.
      if (s instanceof Date) return { value: s.toISOString().slice(0, 10) };
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(s));
      return m ? { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` } : { error: '应为日期，如 2026-11-30' };
    }
  }
}

/** Why zod refused a field, in Chinese. */
function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join(' / ')}`;
    case 'not_multiple_of':
      return '最多两位小数';
    case 'invalid_format':
      return issue.format === 'regex' ? '格式不正确' : '格式不正确';
    default:
      return '格式不正确';
  }
}

const SCHEMAS = { products: productBodySchema, fees: feeBodySchema, purchases: purchaseBodySchema.extend({ customerId: purchaseBodySchema.shape.productId }) };

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  /** Rows that made something new. */
  created: number;
  /** Rows that changed (products, fees) or found (purchases) what was there. */
  existing: number;
  /** Follow-up cases the purchases have (started now or before). */
  followUpCaseIds: string[];
}

export function createImportService(db: Db, unitPaths: () => Promise<Map<string, string>>, startFollowUp: FollowUpStarter) {
  return {
    async run(user: SessionUser, kind: ImportKind, fileName: string, bytes: Buffer): Promise<ImportResult> {
      if (bytes.length > IMPORT_MAX_BYTES) throw importProblem(413, `The file is larger than ${IMPORT_MAX_BYTES / 1024} KB.`, 'import.tooLarge', { kilobytes: IMPORT_MAX_BYTES / 1024 });
      const table = (await readTable(fileName, bytes)).filter((r, i) => i === 0 || !r.every(isBlank));
      if (table.length - 1 > IMPORT_MAX_ROWS) throw tooManyRows(table.length - 1);
      const header = (table[0] ?? []).map((h) => (h == null ? '' : String(h).trim()));
      const columns = COLUMNS[kind];
      const missing = columns.filter((c) => !header.includes(c.label)).map((c) => c.label);
      if (missing.length) throw importProblem(422, `The file lacks the columns ${missing.join(', ')}; start from the template.`, 'import.missingColumns', { columns: missing });
      if (table.length < 2) throw importProblem(422, 'The file has no rows under its header.', 'import.empty');

      const errors: FieldError[] = [];
      const rowError = (row: number, col: Column | undefined, message: string) =>
        errors.push({ path: `file.rows.${row}${col ? `.${col.field}` : ''}`, message: `第 ${row} 行${col ? `「${col.label}」` : ''}：${message}`, code: 'import.rowInvalid', params: { row, column: col?.label ?? '', reason: message } });
      const parsed: Array<{ row: number; value: Record<string, unknown> }> = [];
      const schema = SCHEMAS[kind] as z.ZodType<Record<string, unknown>>;
      table.slice(1).forEach((cells, i) => {
        const row = i + 2; // as the spreadsheet numbers it: the header is row 1
        const raw: Record<string, unknown> = {};
        let ok = true;
        for (const col of columns) {
          const { value, error } = convert(col, cells[header.indexOf(col.label)] ?? null);
          if (error) {
            rowError(row, col, error);
            ok = false;
          } else if (value !== undefined) raw[col.field] = value;
        }
        if (!ok) return;
        const result = schema.safeParse(raw);
        if (!result.success) {
          for (const issue of result.error.issues) rowError(row, columns.find((c) => c.field === issue.path[0]), reason(issue));
          return;
        }
        parsed.push({ row, value: result.data });
      });

      // Checks that read the database, and duplicates inside the file.
      const seen = new Map<string, number>();
      const keyOf = (v: Record<string, unknown>) => (kind === 'products' ? String(v.id) : kind === 'fees' ? `${String(v.model)}|${String(v.serviceKind)}` : `${String(v.productId)}|${String(v.invoiceNo)}`);
      const paths = kind === 'purchases' ? await unitPaths() : new Map<string, string>();
      const models = new Set((await db.query<{ model: string }>('SELECT DISTINCT model FROM product')).rows.map((r) => r.model));
      for (const p of kind === 'products' ? parsed.map((x) => x.value.model as string) : []) models.add(p);
      for (const { row, value } of parsed) {
        const key = keyOf(value);
        const first = seen.get(key);
        if (first !== undefined) rowError(row, kind === 'purchases' ? columns.find((c) => c.field === 'invoiceNo') : columns[0], `与第 ${first} 行重复`);
        else seen.set(key, row);
        if (kind === 'fees' && !models.has(value.model as string)) rowError(row, columns[0], `没有型号为「${String(value.model)}」的产品`);
        if (kind === 'purchases') {
          const refusal = await purchaseRefusal(db, user, value.customerId as string, value as unknown as PurchaseBody, paths);
          if (refusal) rowError(row, columns.find((c) => c.field === refusal.field), PURCHASE_REASONS[refusal.code] ?? refusal.message);
        }
      }
      if (errors.length) {
        errors.sort((a, b) => Number(a.params!.row) - Number(b.params!.row));
        throw unprocessable(`${new Set(errors.map((e) => e.params!.row)).size} row(s) of the file are wrong; nothing was imported.`, { code: 'import.rowsInvalid', params: { rows: [...new Set(errors.map((e) => Number(e.params!.row)))] }, errors });
      }

      const outcome = await inTransaction(db, async (tx) => {
        let created = 0;
        const purchaseIds: string[] = [];
        for (const { row, value } of parsed) {
          if (kind === 'products') {
            const { rowCount } = await tx.query('SELECT 1 FROM product WHERE id = $1', [value.id]);
            await upsertProduct(tx, user.id, value as ProductBody);
            if (!rowCount) created++;
          } else if (kind === 'fees') {
            const { rowCount } = await tx.query('SELECT 1 FROM fee_schedule WHERE model = $1 AND service_kind = $2', [value.model, value.serviceKind]);
            await upsertFee(tx, user.id, value as FeeBody);
            if (!rowCount) created++;
          } else {
            const { customerId, ...body } = value as PurchaseBody & { customerId: string };
            try {
              const saved = await insertPurchase(tx, user.id, `import/${randomUUID()}/${row}`, customerId, body);
              if (saved.created) created++;
              purchaseIds.push(saved.id);
            } catch (err) {
              if (err instanceof InvoiceTakenError) {
                throw unprocessable('A row names an invoice registered for another customer; nothing was imported.', {
                  code: 'import.rowsInvalid',
                  params: { rows: [row] },
                  errors: [{ path: `file.rows.${row}.invoiceNo`, message: `第 ${row} 行「发票号」：已登记在其他客户名下`, code: 'import.rowInvalid', params: { row, column: '发票号', reason: '已登记在其他客户名下' } }],
                });
              }
              throw err;
            }
          }
        }
        return { created, purchaseIds };
      });

      const followUpCaseIds: string[] = [];
      for (const id of outcome.purchaseIds) {
        const started = await startFollowUp(user, await saleOf(db, id));
        if (started.caseId) followUpCaseIds.push(started.caseId);
      }
      return { kind, rows: parsed.length, created: outcome.created, existing: parsed.length - outcome.created, followUpCaseIds };
    },
  };
}

const PURCHASE_REASONS: Record<string, string> = {
  'customer.notFound': '没有这个客户编号',
  'customer.notCleared': '该客户的秘密等级高于您的权限',
  'customer.outsideScope': '该客户不在您负责的单位',
  'purchase.productUnknown': '没有这个产品编号',
  'purchase.paidExceedsAmount': '已付金额大于金额',
  'purchase.dueBeforePurchase': '付款到期日早于购买日期',
};

export type ImportService = ReturnType<typeof createImportService>;
