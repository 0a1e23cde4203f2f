import { randomUUID } from 'node:crypto';
import { importantDateExists, type ImportantDate, type ImportantDateBody, type ImportantDateList, type ImportantDatePatch } from '../../contract';
import type { TierRuleBoard, TierRuleChangeBody } from '../../contract';
import type { CreateCustomerBody, CustomerCard, CustomerChange, CustomerDistributionList, CustomerOverview, CustomerVisitList, Roster, TierHistory, UpdateCustomerBody } from '../../contract';
import { changeTierRule, roster, tierHistory, tierRuleChanges, tierRules, visitsOf } from '../../db/relationship';
import { distributionsOf } from '../../db/customer-info';
import { addDate, changeDate, dateOf, datesOf, removeDate } from '../../db/customer-dates';
import { createCustomerRepository, insertCustomer, updateCustomer, type CustomerCardRow } from '../../db/customers';
import { inTransaction, type Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { MASKED_NAME, MASKED_TITLE, mayReadCustomer } from '../../policy/confidentiality';
import { caseReadable } from '../../policy/sql';
import { createRecordRepository } from '../../db/records';
import { createCatalogRepository } from '../../db/products';
import { creditGradeHistory } from '../../db/credit-grades';
import { editsInUnit, mayEditCustomer, mayEditTierRules } from '../../policy/customers';
import { badRequest, forbidden, notFound, unprocessable } from '../http/problem';
import type { IdempotentOperation } from '../http/idempotency';

// 客户资料卡: create, edit, read (masked by level) and the change history. Who may is
// policy/customers.ts; the level is refused here and set only by the customer-information
// process (db/customers.ts setConfidentiality).

/** Every field of the card but its id, tier, unit and level: what a reader not cleared must not see. */
const HIDDEN_FIELDS = ['contactName', 'phone', 'email', 'address', 'region', 'customerType', 'industry', 'source'] as const;

export const maskCard = (c: Omit<CustomerCard, 'masked' | 'editable'>): Omit<CustomerCard, 'masked' | 'editable'> => ({
  ...c,
  name: MASKED_NAME,
  ...Object.fromEntries(HIDDEN_FIELDS.map((f) => [f, null])),
});

const levelRefused = () =>
  badRequest('The confidentiality level changes only through the customer-information process (客户信息管理流程), never by editing the customer.', {
    code: 'customer.confidentialityByProcess',
    errors: [{ path: 'body.confidentiality', message: 'set by the customer-information process only', code: 'customer.confidentialityByProcess' }],
  });

export function createCustomerService(db: Db, unitPaths: () => Promise<Map<string, string>>) {
  const repo = createCustomerRepository(db);
  const records = createRecordRepository(db);
  const catalog = createCatalogRepository(db);

  const customerNotFound = (id: string) => notFound(`No customer ${id}.`, { code: 'customer.notFound', params: { customerId: id } });

  async function checkReferences(body: { unitId?: string | undefined; ownerId?: string | null | undefined }, paths: Map<string, string>) {
    if (body.unitId !== undefined && !paths.has(body.unitId)) {
      throw unprocessable(`No unit ${body.unitId}.`, { code: 'customer.unitUnknown', params: { unitId: body.unitId }, errors: [{ path: 'body.unitId', message: 'unknown unit', code: 'customer.unitUnknown', params: { unitId: body.unitId } }] });
    }
    if (body.ownerId) {
      const { rows } = await db.query('SELECT 1 FROM app_user WHERE id = $1 AND NOT disabled', [body.ownerId]);
      if (!rows.length) throw unprocessable(`No active user ${body.ownerId}.`, { code: 'customer.ownerUnknown', params: { ownerId: body.ownerId }, errors: [{ path: 'body.ownerId', message: 'unknown user', code: 'customer.ownerUnknown', params: { ownerId: body.ownerId } }] });
    }
  }

  function outsideScope(unitId: string) {
    return forbidden(`You may create and edit customers only in the units where you work as 客服人员, 客服经理, 总经理 or 销售人员 (and below them); ${unitId} is not one.`, {
      code: 'customer.outsideScope',
      params: { unitId },
    });
  }

  /** The stored customer when this user may edit it (cleared for its level, an editing role over its unit); else the refusal. */
  async function editableCustomer(user: SessionUser, id: string) {
    const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
    if (!found) throw customerNotFound(id);
    const pathOf = (u: string) => paths.get(u);
    if (!mayReadCustomer(user, found.confidentiality, found.unitPath, pathOf)) {
      throw forbidden(`Customer ${id} is above your clearance; only those cleared for its level edit it.`, { code: 'customer.notCleared', params: { customerId: id } });
    }
    if (!editsInUnit(user, found.unitPath, pathOf)) throw outsideScope(found.unitId);
    return { found, paths, pathOf };
  }

  const dateNotFound = (id: string, dateId: string) => notFound(`Customer ${id} has no date ${dateId}.`, { code: 'customer.dateNotFound', params: { customerId: id, dateId } });

  function checkDayExists(d: { month: number; day: number; year?: number | null | undefined }) {
    if (importantDateExists(d.month, d.day, d.year)) return;
    const params = { month: d.month, day: d.day, ...(d.year != null && { year: d.year }) };
    throw badRequest(`There is no day ${d.day} in month ${d.month}${d.year != null ? ` of ${d.year}` : ''}.`, {
      code: 'customer.dateNotExisting',
      params,
      errors: [{ path: 'body.day', message: 'no such day in that month', code: 'customer.dateNotExisting', params }],
    });
  }

  /** The card as this reader may see it. */
  async function view(user: SessionUser, c: CustomerCardRow, paths: Map<string, string>): Promise<CustomerCard> {
    const pathOf = (id: string) => paths.get(id);
    const { unitPath: _p, ...card } = c;
    const cleared = mayReadCustomer(user, c.confidentiality, c.unitPath, pathOf);
    return { ...(cleared ? card : maskCard(card)), masked: !cleared, editable: mayEditCustomer(user, c.confidentiality, c.unitPath, pathOf) };
  }

  return {
    async create(user: SessionUser, body: CreateCustomerBody, op?: IdempotentOperation | null): Promise<CustomerCard> {
      if (body.confidentiality !== undefined) throw levelRefused();
      const paths = await unitPaths();
      await checkReferences(body, paths);
      if (!editsInUnit(user, paths.get(body.unitId)!, (id) => paths.get(id))) throw outsideScope(body.unitId);
      const { confidentiality: _l, ...card } = body;
      const { id } = await inTransaction(db, (tx) => insertCustomer(tx, user.id, op?.operationId ?? randomUUID(), card));
      return view(user, (await repo.card(id))!, paths);
    },

    async update(user: SessionUser, id: string, body: UpdateCustomerBody): Promise<CustomerCard> {
      if (body.confidentiality !== undefined) throw levelRefused();
      const { found, paths, pathOf } = await editableCustomer(user, id);
      await checkReferences(body, paths);
      // Moving a customer to another unit needs the same reach there.
      if (body.unitId !== undefined && body.unitId !== found.unitId && !editsInUnit(user, paths.get(body.unitId)!, pathOf)) throw outsideScope(body.unitId);
      const { confidentiality: _l, ...patch } = body;
      const changed = await inTransaction(db, (tx) => updateCustomer(tx, user.id, id, patch));
      if (changed === undefined) throw customerNotFound(id);
      return view(user, (await repo.card(id))!, paths);
    },

    async card(user: SessionUser, id: string): Promise<CustomerCard> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      return view(user, found, paths);
    },

    /**
     * 客户 360: the card, grade, sales, purchases, the reader's cases of this customer and their
     * records. A reader not cleared gets the masked card, the cases they may read under the
     * masked title, and nothing else: no purchases, sales figures or records (which name the
     * customer, their phone and what they said).
     */
    async overview(user: SessionUser, id: string): Promise<CustomerOverview> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      const customer = await view(user, found, paths);
      const readable = caseReadable(user);
      const cases = await repo.cases(user.id, id, readable);
      if (customer.masked) {
        return {
          customer,
          grade: null,
          creditGrades: [],
          sales: null,
          purchases: [],
          cases: cases.map((c) => ({ ...c, title: MASKED_TITLE })),
          records: { complaints: [], workOrders: [], callbacks: [], customerNotifications: [], masked: true },
        };
      }
      const [purchases, sales, recs, grades] = await Promise.all([catalog.customerPurchases(id), catalog.salesSummary(id), records.forCustomer(user.id, id, readable), creditGradeHistory(db, id, 20)]);
      return { customer, grade: grades[0]?.grade ?? null, creditGrades: grades, sales, purchases, cases, records: { ...recs, masked: false } };
    },

    /** Who changed what; for a reader not cleared, which fields changed and when, never the values. */
    async changes(user: SessionUser, id: string): Promise<{ items: CustomerChange[]; masked: boolean }> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      const cleared = mayReadCustomer(user, found.confidentiality, found.unitPath, (u) => paths.get(u));
      const items = await repo.changes(id);
      return {
        masked: !cleared,
        items: cleared ? items : items.map((i) => ({ ...i, changes: i.changes.map((c) => ({ field: c.field, before: null, after: null })) })),
      };
    },

    /**
     * 分发登记: nothing for a reader not cleared for the customer's level; for the others, the
     * entries made at a level they are not cleared for (the customer was more secret then) are
     * counted but not shown.
     */
    async distributions(user: SessionUser, id: string): Promise<CustomerDistributionList> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      const clearedFor = (level: CustomerCardRow['confidentiality']) => mayReadCustomer(user, level, found.unitPath, (u) => paths.get(u));
      if (!clearedFor(found.confidentiality)) return { items: [], masked: true, withheld: 0 };
      const all = await distributionsOf(db, id);
      const items = all.filter((d) => clearedFor(d.level));
      return { items, masked: false, withheld: all.length - items.length };
    },

    /** 客户名册 (客户关系维护): customers by tier; each row masked by its level in the query itself. */
    async roster(user: SessionUser, f: { tier?: 'A' | 'B' | 'C' | 'D' | undefined; unitId?: string | undefined }): Promise<Roster> {
      if (f.unitId !== undefined && !(await unitPaths()).has(f.unitId)) {
        throw unprocessable(`No unit ${f.unitId}.`, { code: 'customer.unitUnknown', params: { unitId: f.unitId }, errors: [{ path: 'querystring.unitId', message: 'unknown unit', code: 'customer.unitUnknown', params: { unitId: f.unitId } }] });
      }
      const [listed, rules] = await Promise.all([roster(db, user, f), tierRules(db)]);
      return { ...listed, rules };
    },

    /** 服务记录 (实施服务方案): nothing for a reader not cleared for the customer's level. */
    async visits(user: SessionUser, id: string): Promise<CustomerVisitList> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      if (!mayReadCustomer(user, found.confidentiality, found.unitPath, (u) => paths.get(u))) return { items: [], masked: true };
      return { items: await visitsOf(db, id), masked: false };
    },

    /** 重要日期: nothing for a reader not cleared for the customer's level (a birthday says who someone is). */
    async dates(user: SessionUser, id: string): Promise<ImportantDateList> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      const pathOf = (u: string) => paths.get(u);
      if (!mayReadCustomer(user, found.confidentiality, found.unitPath, pathOf)) return { items: [], masked: true, editable: false };
      return { items: await datesOf(db, id), masked: false, editable: mayEditCustomer(user, found.confidentiality, found.unitPath, pathOf) };
    },

    /** Added, changed and removed by whoever edits the card (the same check), each in the card's history. */
    async addDate(user: SessionUser, id: string, body: ImportantDateBody): Promise<ImportantDate> {
      await editableCustomer(user, id);
      checkDayExists(body);
      return inTransaction(db, (tx) => addDate(tx, user.id, id, body));
    },

    async changeDate(user: SessionUser, id: string, dateId: string, patch: ImportantDatePatch): Promise<ImportantDate> {
      await editableCustomer(user, id);
      const stored = await dateOf(db, id, dateId);
      if (!stored) throw dateNotFound(id, dateId);
      const next = { kind: patch.kind ?? stored.kind, label: patch.label ?? stored.label, month: patch.month ?? stored.month, day: patch.day ?? stored.day, year: patch.year === undefined ? stored.year : patch.year };
      checkDayExists(next);
      const changed = await inTransaction(db, (tx) => changeDate(tx, user.id, id, dateId, next));
      if (!changed) throw dateNotFound(id, dateId);
      return changed;
    },

    async removeDate(user: SessionUser, id: string, dateId: string): Promise<void> {
      await editableCustomer(user, id);
      if (!(await inTransaction(db, (tx) => removeDate(tx, user.id, id, dateId)))) throw dateNotFound(id, dateId);
    },

    /** 客户分类标准: the rules in force, every change to their effects, and whether this reader may change them. */
    async tierRuleBoard(user: SessionUser): Promise<TierRuleBoard> {
      const [rules, changes, paths] = await Promise.all([tierRules(db), tierRuleChanges(db), unitPaths()]);
      return { rules, changes, editable: mayEditTierRules(user, (u) => paths.get(u)) };
    },

    /** A tier's effects changed with a note; 422 when nothing differs (the history holds only real changes). */
    async changeTierRule(user: SessionUser, tier: 'A' | 'B' | 'C' | 'D', body: TierRuleChangeBody): Promise<TierRuleBoard['rules'][number]> {
      const paths = await unitPaths();
      if (!mayEditTierRules(user, (u) => paths.get(u))) {
        throw forbidden('The 客户分类标准 holds for the whole company: admins and 客服经理 of the top unit change it.', { code: 'tierRules.forbidden' });
      }
      const { note, ...next } = body;
      const { rule, changed } = await inTransaction(db, (tx) => changeTierRule(tx, { actorId: user.id, tier, next, note }));
      if (!changed) throw unprocessable(`Tier ${tier}'s rule already has these values; nothing to change.`, { code: 'tierRules.unchanged', params: { tier } });
      return rule;
    },

    /** 客户分类历史: nothing for a reader not cleared for the customer's level (its sales are part of it). */
    async tiers(user: SessionUser, id: string): Promise<TierHistory> {
      const [found, paths] = await Promise.all([repo.card(id), unitPaths()]);
      if (!found) throw customerNotFound(id);
      if (!mayReadCustomer(user, found.confidentiality, found.unitPath, (u) => paths.get(u))) return { items: [], masked: true };
      return { items: await tierHistory(db, id), masked: false };
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
