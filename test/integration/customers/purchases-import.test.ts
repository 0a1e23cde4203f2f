import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogRepository } from '../../../db/products';
import { createFollowUpStarter } from '../../../server/services/follow-up-start';
import { saleOf } from '../../../server/services/purchase-service';
import { shanghaiDate } from '../../../domain/china-time';
import { betweenChinaDays, daysBetween } from '../../china-clock';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../../helpers';
import { zipOf } from '../../zip-builder';

// Issue 14: purchases with amounts and payments (receivables, overdue days for credit grading),
// the catalog maintained in the console, imports from CSV and Excel (each bad row named, nothing
// half-imported), and every purchase starting its after-sales follow-up case exactly once.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const stamp = Date.now().toString(36).toUpperCase();
const PRODUCT = `P-T14-${stamp}`;
const MODEL = `T14-${stamp}`;
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

describe('purchases, catalog and imports', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const as = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method, url, headers: { cookie: cookies.get(user)!, ...headers }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: (res.body && res.headers['content-type']?.toString().includes('json') ? res.json() : undefined) as Json, raw: res.rawPayload };
  };
  const upload = (user: string, kind: string, fileName: string, bytes: Buffer) => as(user, 'POST', `/api/imports/${kind}`, { fileName, contentBase64: bytes.toString('base64') });
  const followUps = async (customerId: string) =>
    (await s.db.query<{ id: string }>(`SELECT id FROM process_case WHERE process_key = 'after-sales-follow-up' AND customer_id = $1 ORDER BY id`, [customerId])).rows.map((r) => r.id);
  let customerId: string;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('purchases'));
    const product = await as('admin', 'PUT', `/api/products/${PRODUCT}`, { id: PRODUCT, name: '测试空气净化器', model: MODEL, portable: true, warrantyMonths: 12 });
    expect(product.statusCode, JSON.stringify(product.body)).toBe(200);
    const fee = await as('hq.general_manager', 'PUT', '/api/fee-schedule', { model: MODEL, serviceKind: '维修', fee: 120.5 });
    expect(fee.statusCode, JSON.stringify(fee.body)).toBe(200);
    const created = await as('zj.cs_agent', 'POST', '/api/customers', { name: `购买测试客户 ${stamp}`, tier: 'C', unitId: 'zj', contactName: '赵六', phone: '0571-12345678' });
    customerId = created.body.id;
  });
  afterAll(async () => s?.close());

  it('only general managers and admins maintain the catalog', async () => {
    expect((await as('zj.cs_manager', 'PUT', '/api/fee-schedule', { model: MODEL, serviceKind: '保养', fee: 1 })).body.code).toBe('catalog.forbidden');
    expect((await as('hq.general_manager', 'PUT', '/api/fee-schedule', { model: 'NO-SUCH-MODEL', serviceKind: '保养', fee: 1 })).body.code).toBe('fee.modelUnknown');
    const fees = (await as('zj.cs_agent', 'GET', '/api/fee-schedule')).body.items as Json[];
    expect(fees.find((f) => f.model === MODEL)).toMatchObject({ serviceKind: '维修', fee: 120.5 });
  });

  it('a purchase registered twice (same invoice) is one purchase with one follow-up case; receivables and overdue days are computed', async () => {
    const registered = Date.now();
    const body = { productId: PRODUCT, purchasedOn: daysAgo(40), invoiceNo: `FP-${stamp}-1`, amount: 1000, paidAmount: 400, dueOn: daysAgo(10) };
    const first = await as('zj.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, body);
    expect(first.statusCode, JSON.stringify(first.body)).toBe(201);
    // 10 days overdue, counted to China's today when the product read it (China's midnight may pass meanwhile).
    const overdueDays = () => betweenChinaDays(registered, Date.now(), (today) => daysBetween(body.dueOn, today));
    expect(first.body.purchase).toMatchObject({ id: expect.stringMatching(/^GM-\d{4}-\d{2}-\d{6}$/), paymentStatus: 'partial', receivable: 600, overdueDays: expect.toBeOneOf(overdueDays()), inWarranty: true });
    expect(first.body.followUpCaseId).toBe(`after-sales-follow-up/${first.body.purchase.id}`);

    const again = await as('zj.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toMatchObject({ created: false, followUpCaseId: first.body.followUpCaseId, purchase: { id: first.body.purchase.id } });
    // The same request under an idempotency key, twice: still the one purchase.
    for (let i = 0; i < 2; i++) await as('zj.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, body, { 'idempotency-key': `p-${stamp}` });
    expect(await followUps(customerId)).toEqual([first.body.followUpCaseId]);
    // Temporal holds one workflow under that id, started by the first registration.
    const described = await s.temporal.client.workflow.getHandle(first.body.followUpCaseId).describe();
    expect(described.workflowId).toBe(first.body.followUpCaseId);
    const { rows } = await s.db.query(`SELECT unit_id, title FROM process_case WHERE id = $1`, [first.body.followUpCaseId]);
    expect(rows[0]).toMatchObject({ unit_id: 'zj', title: expect.stringContaining('测试空气净化器') });

    const summary = await createCatalogRepository(s.db).salesSummary(customerId);
    expect(summary).toMatchObject({ purchases: 1, totalAmount: 1000, paidAmount: 400, receivable: 600, overdueReceivable: 600, maxOverdueDays: expect.toBeOneOf(overdueDays()), paymentRate: 0.4, annualSales: 1000, lastPurchaseOn: body.purchasedOn });
  });

  it('startFollowUp itself starts a purchase’s follow-up once, however often it is called (REJECT_DUPLICATE on the purchase’s workflow id)', async () => {
    const { rows } = await s.db.query<{ id: string }>(
      `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on) VALUES ($1, $2, $3, DATE '2026-11-01', DATE '2027-10-31') RETURNING id`,
      [`GM-T14-${stamp}`, customerId, PRODUCT],
    );
    const starter = createFollowUpStarter(s.app.services.cases);
    const user = (await s.app.repos.users.findByUsername('zj.sales'))!;
    const sale = await saleOf(s.db, rows[0]!.id);
    const outcomes = [await starter(user, sale), await starter(user, sale), await starter(user, sale)];
    expect(outcomes).toEqual([
      { caseId: `after-sales-follow-up/GM-T14-${stamp}`, started: true },
      { caseId: `after-sales-follow-up/GM-T14-${stamp}`, started: false },
      { caseId: `after-sales-follow-up/GM-T14-${stamp}`, started: false },
    ]);
    expect((await followUps(customerId)).filter((id) => id.endsWith(`GM-T14-${stamp}`))).toHaveLength(1);
  });

  it('refuses purchases by those who may not register them and amounts that make no sense', async () => {
    const body = { productId: PRODUCT, purchasedOn: daysAgo(1), amount: 10 };
    expect((await as('gd.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, body)).body.code).toBe('customer.outsideScope');
    expect((await as('zj.engineering', 'POST', `/api/customers/${customerId}/purchases`, body)).body.code).toBe('customer.editForbidden');
    expect((await as('hq.auditor', 'POST', `/api/customers/${customerId}/purchases`, body)).statusCode).toBe(403);
    expect((await as('zj.cs_agent', 'POST', '/api/customers/C0001/purchases', body)).body.code).toBe('customer.notCleared');
    expect((await as('zj.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, { ...body, paidAmount: 11 })).body.code).toBe('purchase.paidExceedsAmount');
    expect((await as('zj.cs_agent', 'POST', `/api/customers/${customerId}/purchases`, { ...body, productId: 'NOPE' })).body.code).toBe('purchase.productUnknown');
    expect(await followUps(customerId)).toHaveLength(2); // the two purchases above, nothing from the refusals
  });

  it('a purchases CSV with bad rows imports nothing and names each bad row and column; the good file imports, and again imports nothing twice', async () => {
    const header = '客户编号,产品编号,购买日期,发票号,保修卡号,数量,金额(元),已付金额(元),付款到期日';
    const good = (n: number) => `${customerId},${PRODUCT},${daysAgo(5)},FP-${stamp}-CSV-${n},BX-${n},1,"1,200.00",0,${daysAgo(-25)}`;
    const bad = [header, good(1), `${customerId},NO-SUCH,${daysAgo(5)},FP-${stamp}-CSV-X,,1,100,0,`, `${customerId},${PRODUCT},昨天,FP-${stamp}-CSV-Y,,1,abc,0,`, good(2), good(1).replace('CSV-1', 'CSV-1')].join('\r\n');
    const refused = await upload('zj.cs_agent', 'purchases', '购买记录.csv', Buffer.from(bad, 'utf8'));
    expect(refused.statusCode, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.code).toBe('import.rowsInvalid');
    expect(refused.body.params.rows).toEqual([3, 4, 6]);
    const messages = (refused.body.errors as Json[]).map((e) => e.message);
    expect(messages).toEqual(['第 3 行「产品编号」：没有这个产品编号', '第 4 行「购买日期」：应为日期，如 2026-11-30', '第 4 行「金额(元)」：应为数字（收到「abc」）', '第 6 行「发票号」：与第 2 行重复']);
    const none = await s.db.query(`SELECT count(*)::int AS n FROM purchase WHERE invoice_no LIKE $1`, [`FP-${stamp}-CSV-%`]);
    expect(none.rows[0].n).toBe(0);

    const file = Buffer.from(['\ufeff' + header, good(1), good(2), good(3)].join('\r\n'), 'utf8');
    const imported = await upload('zj.cs_agent', 'purchases', '购买记录.csv', file);
    expect(imported.statusCode, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ rows: 3, created: 3, existing: 0 });
    expect(imported.body.followUpCaseIds).toHaveLength(3);
    const after = await followUps(customerId);
    expect(after).toHaveLength(5);

    const twice = await upload('zj.cs_agent', 'purchases', '购买记录.csv', file);
    expect(twice.body).toMatchObject({ rows: 3, created: 0, existing: 3 });
    expect(await followUps(customerId)).toEqual(after);
    const amounts = await s.db.query(`SELECT amount::float AS amount FROM purchase WHERE invoice_no LIKE $1`, [`FP-${stamp}-CSV-%`]);
    expect(amounts.rows.map((r) => r.amount)).toEqual([1200, 1200, 1200]);
  });

  it('products from the Excel template: a bad row refuses the file, a good one imports; bounds hold', async () => {
    const template = await as('admin', 'GET', '/api/imports/products/template?format=xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['产品编号', '产品名称', '型号', '便携(是/否)', '保修月数']);
    ws.addRow([`${PRODUCT}-X1`, 'Excel 导入产品一', `${MODEL}-X`, '是', 24]);
    ws.addRow([`${PRODUCT}-X2`, '', `${MODEL}-X`, '也许', -1]);
    const refused = await upload('admin', 'products', 'products.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(refused.statusCode).toBe(422);
    expect((refused.body.errors as Json[]).map((e) => e.message)).toEqual(['第 3 行「产品名称」：必填', '第 3 行「便携(是/否)」：应为「是」或「否」']);
    expect((await s.db.query('SELECT 1 FROM product WHERE id = $1', [`${PRODUCT}-X1`])).rowCount).toBe(0);

    ws.spliceRows(3, 1, [`${PRODUCT}-X2`, 'Excel 导入产品二', `${MODEL}-X`, '否', 36]);
    const ok = await upload('admin', 'products', 'products.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.statusCode, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ rows: 2, created: 2 });
    const { rows } = await s.db.query('SELECT id, portable, warranty_months FROM product WHERE id LIKE $1 ORDER BY id', [`${PRODUCT}-X%`]);
    expect(rows).toEqual([{ id: `${PRODUCT}-X1`, portable: true, warranty_months: 24 }, { id: `${PRODUCT}-X2`, portable: false, warranty_months: 36 }]);

    expect((await upload('zj.cs_agent', 'products', 'p.csv', Buffer.from('x'))).body.code).toBe('catalog.forbidden');
    expect((await upload('admin', 'fees', 'f.csv', Buffer.from('型号,费用\r\n'))).body).toMatchObject({ code: 'import.missingColumns' });
    const many = ['型号,服务类型(维修/保养),费用(元),生效日期', ...Array.from({ length: 2001 }, (_, i) => `M${i},维修,1,`)].join('\n');
    expect((await upload('admin', 'fees', 'f.csv', Buffer.from(many))).body.code).toBe('import.tooManyRows');
    expect((await upload('admin', 'fees', 'f.csv', Buffer.alloc(1024 * 1024 + 1, 0x41))).body.code).toBe('import.tooLarge');
    // Under 1 MB as sent, 200 MB unpacked: refused before ExcelJS unpacks it, the API answering meanwhile.
    const bomb = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const [refusedBomb, health] = await Promise.all([upload('admin', 'products', 'products.xlsx', bomb), as('admin', 'GET', '/api/session')]);
    expect(refusedBomb.statusCode).toBe(413);
    expect(refusedBomb.body).toMatchObject({ code: 'import.unpackedTooLarge', params: { megabytes: 20 }, detail: expect.stringContaining('工作簿解压后超过 20 MB') });
    expect(health.statusCode).toBe(200);
  });
});
