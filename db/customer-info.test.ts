import { describe, expect, it } from 'vitest';
import { entitledDepartments } from './customer-info';

// 分发 follows the 客户信息秘密等级: a department receives a record only if its role may read the level.

describe('entitledDepartments', () => {
  const all = ['cs_agent', 'sales', 'engineering', 'department', 'cs_manager', 'general_manager'];
  it('公开 and 内部 go to every department asked for, once each', () => {
    expect(entitledDepartments('public', [...all, 'sales'])).toEqual({ entitled: all, withheld: [] });
    expect(entitledDepartments('internal', ['sales'])).toEqual({ entitled: ['sales'], withheld: [] });
  });
  it('秘密 only to 客服经理 and 总经理, 机密 only to 总经理; the rest are named back', () => {
    expect(entitledDepartments('secret', all)).toEqual({ entitled: ['cs_manager', 'general_manager'], withheld: ['cs_agent', 'sales', 'engineering', 'department'] });
    expect(entitledDepartments('confidential', all)).toEqual({ entitled: ['general_manager'], withheld: ['cs_agent', 'sales', 'engineering', 'department', 'cs_manager'] });
  });
});
