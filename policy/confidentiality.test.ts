import { describe, expect, it } from 'vitest';
import { mayReadCustomer } from './confidentiality';
import type { RoleHolder } from './roles';

const paths: Record<string, string> = { hq: 'hq', east: 'hq/east', south: 'hq/south', zj: 'hq/east/zj', gd: 'hq/south/gd' };
const user = (...roles: Array<[string, string]>): RoleHolder => ({ roles: roles.map(([role, unitId]) => ({ role, unitId })) });
const may = (u: RoleHolder, level: 'public' | 'internal' | 'secret' | 'confidential', unit = 'zj') => mayReadCustomer(u, level, paths[unit]!, (id) => paths[id]);

describe('customer confidentiality', () => {
  it('public and internal customers are read by all staff', () => {
    expect(may(user(['cs_agent', 'gd']), 'public')).toBe(true);
    expect(may(user(['sales', 'gd']), 'internal')).toBe(true);
  });
  it('secret: managers of the unit or above, not agents, not other regions', () => {
    expect(may(user(['cs_agent', 'zj']), 'secret')).toBe(false);
    expect(may(user(['cs_manager', 'zj']), 'secret')).toBe(true);
    expect(may(user(['cs_manager', 'east']), 'secret')).toBe(true);
    expect(may(user(['cs_manager', 'south']), 'secret')).toBe(false);
    expect(may(user(['cs_manager', 'gd']), 'secret')).toBe(false);
  });
  it('confidential: general managers above it, auditors and admins', () => {
    expect(may(user(['cs_manager', 'zj']), 'confidential')).toBe(false);
    expect(may(user(['general_manager', 'hq']), 'confidential')).toBe(true);
    expect(may(user(['auditor', 'hq']), 'confidential')).toBe(true);
    expect(may(user(['admin', 'hq']), 'confidential')).toBe(true);
  });
});
