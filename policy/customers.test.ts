import { describe, expect, it } from 'vitest';
import { mayEditCustomer, mayEditCustomers, mayEditTierRules, mayManageCatalog } from './customers';
import type { RoleHolder } from './roles';

const paths: Record<string, string> = { hq: 'hq', east: 'hq/east', south: 'hq/south', zj: 'hq/east/zj', gd: 'hq/south/gd' };
const user = (...roles: Array<[string, string]>): RoleHolder => ({ roles: roles.map(([role, unitId]) => ({ role, unitId })) });
const may = (u: RoleHolder, level: 'internal' | 'secret' = 'internal', unit = 'zj') => mayEditCustomer(u, level, paths[unit]!, (id) => paths[id]);

describe('customer editing', () => {
  it('customer-service staff, sales and managers edit in their unit and below, not elsewhere', () => {
    expect(may(user(['cs_agent', 'zj']))).toBe(true);
    expect(may(user(['sales', 'zj']))).toBe(true);
    expect(may(user(['cs_manager', 'east']))).toBe(true);
    expect(may(user(['cs_agent', 'gd']))).toBe(false);
    expect(may(user(['cs_manager', 'south']))).toBe(false);
  });
  it('engineers, departments, process owners and auditors do not edit customers', () => {
    for (const role of ['engineering', 'department', 'process_owner', 'auditor']) {
      expect(may(user([role, 'hq'])), role).toBe(false);
      expect(mayEditCustomers(user([role, 'hq'])), role).toBe(false);
    }
    expect(mayEditCustomers(user(['cs_agent', 'gd']))).toBe(true);
  });
  it('a secret customer is edited only by someone cleared for it', () => {
    expect(may(user(['cs_agent', 'zj']), 'secret')).toBe(false);
    expect(may(user(['cs_manager', 'zj']), 'secret')).toBe(true);
  });
  it('the catalog is the general managers’ and admins’', () => {
    expect(mayManageCatalog(user(['general_manager', 'east']))).toBe(true);
    expect(mayManageCatalog(user(['admin', 'hq']))).toBe(true);
    expect(mayManageCatalog(user(['cs_manager', 'hq']))).toBe(false);
  });
  it('the 客户分类标准 holds company-wide: admins and the top unit\'s 客服经理 change it, no province\'s or region\'s', () => {
    const tiers = (u: RoleHolder) => mayEditTierRules(u, (id) => paths[id]);
    expect(tiers(user(['cs_manager', 'hq']))).toBe(true);
    expect(tiers(user(['admin', 'hq']))).toBe(true);
    expect(tiers(user(['cs_manager', 'east']))).toBe(false);
    expect(tiers(user(['cs_manager', 'zj']))).toBe(false);
    expect(tiers(user(['cs_agent', 'hq']))).toBe(false);
    expect(tiers(user(['general_manager', 'hq']))).toBe(false);
    expect(tiers(user(['cs_manager', 'nowhere']))).toBe(false);
  });
});
