import { describe, expect, it } from 'vitest';
import { capabilities, taskActions } from './capabilities';
import type { RoleHolder } from './roles';
import { routeGate } from './route-rules';

const user = (...roles: Array<[string, string]>): RoleHolder => ({ roles: roles.map(([role, unitId]) => ({ role, unitId })) });

describe('capabilities', () => {
  it('deploying belongs to process owners and admins in any unit', () => {
    expect(capabilities(user(['process_owner', 'hq'])).deployProcesses).toBe(true);
    expect(capabilities(user(['process_owner', 'hq'])).resolveIncidents).toBe(true);
    expect(capabilities(user(['cs_manager', 'zj'])).resolveIncidents).toBe(false);
    expect(capabilities(user(['cs_agent', 'zj'], ['admin', 'hq'])).deployProcesses).toBe(true);
    expect(capabilities(user(['cs_manager', 'zj'])).deployProcesses).toBe(false);
  });

  it('admins manage users and the calendar and read everything', () => {
    expect(capabilities(user(['admin', 'hq']))).toEqual({ act: true, deployProcesses: true, resolveIncidents: true, manageUsers: true, manageCalendar: true, readAll: true, sendAnyMessage: true, overrideDelegation: true, readReports: true, editCustomers: true, manageCatalog: true });
    expect(capabilities(user(['process_owner', 'hq']))).toMatchObject({ manageUsers: false, manageCalendar: false, readAll: false });
  });

  it('auditors read everything and change nothing, unless they hold another role too', () => {
    expect(capabilities(user(['auditor', 'hq']))).toEqual({ act: false, deployProcesses: false, resolveIncidents: false, manageUsers: false, manageCalendar: false, readAll: true, sendAnyMessage: false, overrideDelegation: false, readReports: true, editCustomers: false, manageCatalog: false });
    expect(capabilities(user(['auditor', 'hq'], ['cs_agent', 'zj'])).act).toBe(true);
    // No roles at all is not read-only: such a user may still start cases.
    expect(capabilities(user()).act).toBe(true);
  });

  it('managers may override delegation; only admins send any message', () => {
    expect(capabilities(user(['cs_manager', 'zj']))).toMatchObject({ overrideDelegation: true, sendAnyMessage: false });
    expect(capabilities(user(['general_manager', 'south']))).toMatchObject({ overrideDelegation: true, sendAnyMessage: false });
    expect(capabilities(user(['cs_agent', 'zj'], ['engineering', 'zj']))).toMatchObject({ overrideDelegation: false, sendAnyMessage: false });
  });
});

describe('who reads reports', () => {
  it('managers, auditors, process owners and admins; not agents, engineers, sales or departments', () => {
    for (const role of ['cs_manager', 'general_manager', 'auditor', 'process_owner', 'admin']) expect(capabilities(user([role, 'zj'])).readReports, role).toBe(true);
    for (const role of ['cs_agent', 'engineering', 'sales', 'department']) expect(capabilities(user([role, 'zj'])).readReports, role).toBe(false);
    expect(capabilities(user()).readReports).toBe(false);
  });
});

describe('route rules', () => {
  it('answer 401 to the signed-out, 403 to those without the capability', () => {
    expect(routeGate('public', null)).toBe('pass');
    expect(routeGate('signedIn', null)).toBe('unauthorized');
    expect(routeGate('signedIn', user(['auditor', 'hq']))).toBe('pass');
    expect(routeGate('act', user(['auditor', 'hq']))).toBe('forbidden');
    expect(routeGate('manageUsers', user(['admin', 'hq']))).toBe('pass');
  });
});

describe('task actions', () => {
  const offered = { open: true, actionable: true, unclaimed: true, assignedOrOffered: true, completedByUser: false };
  it('whoever a task is offered to may complete, claim, delegate and comment on it', () => {
    expect(taskActions(user(['cs_manager', 'zj']), offered)).toEqual({ complete: true, claim: true, delegate: true, comment: true });
  });

  it('an auditor acts on nothing, even a task that names one of its roles', () => {
    expect(taskActions(user(['auditor', 'hq']), offered)).toEqual({ complete: false, claim: false, delegate: false, comment: false });
  });

  it('a task claimed by someone else may only be commented on; a completed one by whoever completed it', () => {
    expect(taskActions(user(['cs_agent', 'zj']), { ...offered, actionable: false, unclaimed: false })).toEqual({ complete: false, claim: false, delegate: false, comment: true });
    expect(taskActions(user(['cs_agent', 'zj']), { ...offered, open: false, actionable: false, assignedOrOffered: false, completedByUser: true })).toEqual({
      complete: false,
      claim: false,
      delegate: false,
      comment: true,
    });
    expect(taskActions(user(['cs_agent', 'zj']), { open: true, actionable: false, unclaimed: true, assignedOrOffered: false, completedByUser: false })).toEqual({
      complete: false,
      claim: false,
      delegate: false,
      comment: false,
    });
  });

  it('a task assigned to me is mine to complete but not to claim', () => {
    expect(taskActions(user(['cs_agent', 'zj']), { ...offered, unclaimed: false })).toMatchObject({ complete: true, claim: false });
  });
});
