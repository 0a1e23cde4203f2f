import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, type Capabilities } from '../../policy/capabilities';
import { ROUTE_RULES, routeGate, type RouteKey } from '../../policy/route-rules';
import type { RoleHolder } from '../../policy/roles';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// The role × route matrix: every route the API publishes, asked by each kind of person. Whether a
// person gets past a route's rule (401 / 403) is read from the policy (policy/route-rules.ts), with
// their roles as the API reports them; the rows only add what depends on the case or task asked
// about. A route added without a rule and a row here fails the coverage check.

type Persona = 'anonymous' | 'initiator' | 'candidate' | 'otherUnit' | 'auditor' | 'owner' | 'admin';
const USERS: Record<Exclude<Persona, 'anonymous'>, string> = {
  initiator: 'zj.cs_agent',
  candidate: 'zj.cs_manager',
  otherUnit: 'gd.cs_manager',
  auditor: 'hq.auditor',
  owner: 'hq.process_owner',
  admin: 'admin',
};

interface Ctx {
  caseId: string;
  taskId: string;
  key: string;
  xml: string;
  /** A saved view of the candidate's (zj.cs_manager). */
  viewId: string;
}
interface Row {
  route: RouteKey; // "METHOD /api/path/{param}" as in the OpenAPI document
  request: (c: Ctx) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object };
  /** Who is asked; a persona left out would consume the shared task, see the named test. */
  ask: Persona[];
  /** The status for whoever the route's rule lets through… */
  ok?: number;
  /** …unless the row itself says no: a case they may not read (404), a task not offered to them (403). */
  rowLevel?: Partial<Record<Persona, number>>;
}

const enc = encodeURIComponent;
const SHIPPED_DMN = readFileSync('bpmn/decisions/credit-grading.dmn', 'utf8');
/** The user the admin rows create and then change (unique: the database is shared by the test files). */
/** A 试运行 that was never started. */
const NO_RUN = '00000000-0000-4000-8000-000000000000';
const NEW_USER = `perm.${Date.now().toString(36)}`;
const MATRIX: Row[] = [
  { route: 'GET /api/health', request: () => ({ method: 'GET', url: '/api/health' }), ask: ['anonymous', 'auditor'], ok: 200 },
  { route: 'POST /api/session', request: () => ({ method: 'POST', url: '/api/session', payload: { username: 'x', password: 'y' } }), ask: ['anonymous'], rowLevel: { anonymous: 401 } }, // wrong password
  { route: 'GET /api/session', request: () => ({ method: 'GET', url: '/api/session' }), ask: ['anonymous', 'candidate', 'auditor'], ok: 200 },
  { route: 'DELETE /api/session', request: () => ({ method: 'DELETE', url: '/api/session' }), ask: ['anonymous'], ok: 204 },
  {
    route: 'POST /api/cases',
    request: (c) => ({ method: 'POST', url: '/api/cases', payload: { processKey: c.key, title: '权限测试' } }),
    ask: ['anonymous', 'auditor', 'initiator'], ok: 201,
  },
  { route: 'GET /api/cases', request: () => ({ method: 'GET', url: '/api/cases' }), ask: ['anonymous', 'initiator', 'auditor', 'otherUnit'], ok: 200 },
  { route: 'GET /api/cases/export', request: () => ({ method: 'GET', url: '/api/cases/export' }), ask: ['anonymous', 'initiator', 'auditor', 'otherUnit'], ok: 200 },
  {
    route: 'GET /api/cases/{id}',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}` }),
    ask: ['anonymous', 'initiator', 'candidate', 'otherUnit', 'auditor', 'owner'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'GET /api/cases/{id}/state',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/state` }),
    ask: ['anonymous', 'candidate', 'otherUnit', 'auditor'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'POST /api/cases/{id}/messages',
    // Past the route's rule the case decides: nothing in it waits for this message (409). Senders
    // and variables are in security/messages-and-delegation.test.ts.
    request: (c) => ({ method: 'POST', url: `/api/cases/${enc(c.caseId)}/messages`, payload: { messageName: 'noise' } }),
    ask: ['anonymous', 'otherUnit', 'auditor', 'initiator', 'admin'], ok: 409, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'POST /api/messages',
    // Nothing listens for this name: whoever gets past the rule has it kept for no time (PT0S).
    // Senders, variables and what the answer names are in security/messages-publish.test.ts.
    request: () => ({ method: 'POST', url: '/api/messages', payload: { name: 'noise-nobody-listens', timeToLive: 'PT0S' } }),
    ask: ['anonymous', 'auditor', 'initiator', 'admin'], ok: 200,
  },
  {
    route: 'POST /api/signals',
    // Nothing listens for this name: whoever gets past the rule reaches nothing (a signal is never kept).
    // Senders and variables are in integration/engine/messages.test.ts.
    request: () => ({ method: 'POST', url: '/api/signals', payload: { name: 'noise-nobody-listens' } }),
    ask: ['anonymous', 'auditor', 'initiator', 'admin'], ok: 200,
  },
  {
    route: 'POST /api/cases/{id}/incidents/{incidentId}/resolve',
    // The case has no incident: whoever gets past the rule hears that it is not open.
    request: (c) => ({ method: 'POST', url: `/api/cases/${enc(c.caseId)}/incidents/${enc(`${c.caseId}/incident/1`)}/resolve`, payload: { action: 'retry' } }),
    ask: ['anonymous', 'initiator', 'auditor', 'owner'], ok: 409,
  },
  { route: 'GET /api/incidents', request: () => ({ method: 'GET', url: '/api/incidents' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'GET /api/cases/{id}/records',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/records` }),
    ask: ['anonymous', 'initiator', 'candidate', 'otherUnit', 'auditor'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'GET /api/cases/{id}/audit',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/audit` }),
    ask: ['anonymous', 'auditor', 'candidate', 'otherUnit'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'GET /api/cases/{id}/audit/export',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/audit/export` }),
    ask: ['anonymous', 'auditor', 'otherUnit'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  {
    route: 'POST /api/cases/{id}/replay',
    request: (c) => ({ method: 'POST', url: `/api/cases/${enc(c.caseId)}/replay` }),
    ask: ['anonymous', 'auditor', 'otherUnit'], ok: 200, rowLevel: { otherUnit: 404 },
  },
  { route: 'GET /api/tasks', request: () => ({ method: 'GET', url: '/api/tasks' }), ask: ['anonymous', 'candidate', 'auditor'], ok: 200 },
  { route: 'GET /api/tasks/counts', request: () => ({ method: 'GET', url: '/api/tasks/counts' }), ask: ['anonymous', 'candidate'], ok: 200 },
  {
    route: 'GET /api/tasks/{id}',
    request: (c) => ({ method: 'GET', url: `/api/tasks/${enc(c.taskId)}` }),
    ask: ['anonymous', 'candidate', 'auditor', 'otherUnit', 'initiator'], ok: 200, rowLevel: { otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/comments',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/comments`, payload: { body: '矩阵' } }),
    ask: ['anonymous', 'candidate', 'auditor', 'otherUnit', 'initiator'], ok: 201, rowLevel: { auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/bulk-complete',
    request: (c) => ({ method: 'POST', url: '/api/tasks/bulk-complete', payload: { items: [{ taskId: c.taskId, outcome: 'complete' }] } }),
    // 200 with a per-task 403 inside; the candidate's success is in inbox-api.test.ts.
    ask: ['anonymous', 'auditor', 'otherUnit'], ok: 200,
  },
  {
    route: 'POST /api/tasks/{id}/complete',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/complete`, payload: { outcome: 'complete' } }),
    ask: ['anonymous', 'auditor', 'otherUnit', 'initiator', 'owner'], rowLevel: { auditor: 403, otherUnit: 403, initiator: 403, owner: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/claim',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/claim` }),
    ask: ['anonymous', 'auditor', 'otherUnit', 'initiator'], rowLevel: { auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/unclaim',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/unclaim` }),
    ask: ['anonymous', 'auditor', 'otherUnit'], rowLevel: { auditor: 403, otherUnit: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/delegate',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/delegate`, payload: { userId: 'zj.general_manager' } }),
    ask: ['anonymous', 'auditor', 'otherUnit', 'initiator'], rowLevel: { auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'GET /api/tasks/{id}/eligible-users',
    request: (c) => ({ method: 'GET', url: `/api/tasks/${enc(c.taskId)}/eligible-users` }),
    ask: ['anonymous', 'candidate', 'auditor', 'otherUnit', 'initiator'], ok: 200, rowLevel: { auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/processes',
    request: (c) => ({ method: 'POST', url: '/api/processes', payload: { xml: c.xml, changeNote: '权限测试' } }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 200,
  },
  { route: 'GET /api/processes', request: () => ({ method: 'GET', url: '/api/processes' }), ask: ['anonymous', 'candidate', 'auditor'], ok: 200 },
  // People to name as a step's assignee in the editor: for process owners, not the whole directory for every reader.
  { route: 'GET /api/processes/assignees', request: () => ({ method: 'GET', url: '/api/processes/assignees?q=zj' }), ask: ['anonymous', 'candidate', 'auditor', 'owner'], ok: 200 },
  {
    route: 'POST /api/processes/validate',
    request: (c) => ({ method: 'POST', url: '/api/processes/validate', payload: { xml: c.xml } }),
    ask: ['anonymous', 'owner', 'candidate'], ok: 200,
  },
  // The shipped 信用等级评估原则 is deployed by the test stack: deploying it again is "unchanged" (200).
  {
    route: 'POST /api/decisions',
    request: () => ({ method: 'POST', url: '/api/decisions', payload: { xml: SHIPPED_DMN } }),
    ask: ['anonymous', 'owner', 'candidate', 'auditor'], ok: 200,
  },
  {
    route: 'POST /api/decisions/validate',
    request: () => ({ method: 'POST', url: '/api/decisions/validate', payload: { xml: SHIPPED_DMN } }),
    ask: ['anonymous', 'owner', 'candidate'], ok: 200,
  },
  { route: 'GET /api/decisions', request: () => ({ method: 'GET', url: '/api/decisions' }), ask: ['anonymous', 'auditor', 'candidate'], ok: 200 },
  { route: 'GET /api/decisions/{key}', request: () => ({ method: 'GET', url: '/api/decisions/credit-grading-rules' }), ask: ['anonymous', 'auditor', 'candidate'], ok: 200 },
  {
    route: 'POST /api/decisions/{key}/evaluate',
    request: () => ({ method: 'POST', url: '/api/decisions/credit-grading-rules/evaluate', payload: { variables: { overdueDays: 0, paymentRate: 1, annualSales: 1 } } }),
    ask: ['anonymous', 'owner', 'candidate', 'auditor'], ok: 200,
  },
  {
    route: 'GET /api/processes/{key}/versions',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions` }),
    ask: ['anonymous', 'auditor', 'candidate'], ok: 200,
  },
  {
    route: 'GET /api/processes/{key}/schedules',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/schedules` }),
    ask: ['anonymous', 'auditor', 'candidate'], ok: 200,
  },
  // The process has no timer start event: a process owner passes the gate and learns there is no such schedule.
  ...(['pause', 'resume'] as const).map((action) => ({
    route: `POST /api/processes/{key}/schedules/{id}/${action}` as const,
    request: (c: Ctx) => ({ method: 'POST' as const, url: `/api/processes/${c.key}/schedules/s/${action}`, payload: {} }),
    ask: ['anonymous', 'owner', 'candidate', 'auditor'] as Persona[], ok: 404,
  })),
  {
    route: 'GET /api/processes/{key}/versions/{version}',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions/1` }),
    ask: ['anonymous', 'auditor', 'candidate'], ok: 200,
  },
  // The editor's draft (issue 18 §4): process owners only; saved, then discarded by its revision.
  { route: 'GET /api/processes/{key}/draft', request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/draft` }), ask: ['anonymous', 'auditor', 'candidate', 'owner'], ok: 200 },
  {
    route: 'PUT /api/processes/{key}/draft',
    request: (c) => ({ method: 'PUT', url: `/api/processes/${c.key}/draft`, payload: { xml: c.xml, revision: 0 } }),
    ask: ['anonymous', 'initiator', 'auditor', 'owner'], ok: 200,
  },
  { route: 'DELETE /api/processes/{key}/draft', request: (c) => ({ method: 'DELETE', url: `/api/processes/${c.key}/draft?revision=1` }), ask: ['anonymous', 'candidate', 'owner'], ok: 204 },
  // 试运行 (issue 18 §8): owners only; past the rule, a diagram that does not compile is refused as deploy
  // refuses it (422) and a run that is not the caller's is 404. A played draft: security/play-sandbox.test.ts.
  { route: 'POST /api/processes/{key}/play', request: (c) => ({ method: 'POST', url: `/api/processes/${c.key}/play`, payload: { xml: '<not-bpmn/>' } }), ask: ['anonymous', 'auditor', 'candidate', 'owner'], ok: 422 },
  { route: 'GET /api/processes/{key}/play/{runId}', request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/play/${NO_RUN}` }), ask: ['anonymous', 'auditor', 'owner'], ok: 404 },
  { route: 'POST /api/processes/{key}/play/{runId}/tasks/{taskId}/complete', request: (c) => ({ method: 'POST', url: `/api/processes/${c.key}/play/${NO_RUN}/tasks/t1/complete`, payload: { outcome: 'done' } }), ask: ['anonymous', 'candidate', 'owner'], ok: 404 },
  { route: 'POST /api/processes/{key}/play/{runId}/messages', request: (c) => ({ method: 'POST', url: `/api/processes/${c.key}/play/${NO_RUN}/messages`, payload: { messageName: 'x' } }), ask: ['anonymous', 'candidate', 'owner'], ok: 404 },
  { route: 'POST /api/processes/{key}/play/{runId}/timers/{elementId}/fire', request: (c) => ({ method: 'POST', url: `/api/processes/${c.key}/play/${NO_RUN}/timers/t1/fire` }), ask: ['anonymous', 'candidate', 'owner'], ok: 404 },
  { route: 'DELETE /api/processes/{key}/play/{runId}', request: (c) => ({ method: 'DELETE', url: `/api/processes/${c.key}/play/${NO_RUN}` }), ask: ['anonymous', 'candidate', 'owner'], ok: 404 },
  // Moving running cases to another version (issue 18 §7): process owners only; a dry run of the matrix's own case.
  {
    route: 'POST /api/processes/{key}/migrations',
    request: (c) => ({ method: 'POST', url: `/api/processes/${c.key}/migrations`, payload: { targetVersion: 1, caseIds: [c.caseId] } }),
    ask: ['anonymous', 'initiator', 'auditor', 'owner'], ok: 200,
  },
  {
    route: 'GET /api/users',
    // The directory of people is for those who may hand a step to anyone (managers' override), not for every reader.
    request: () => ({ method: 'GET', url: '/api/users?q=zj.cs' }),
    ask: ['anonymous', 'initiator', 'auditor', 'owner', 'candidate', 'admin'], ok: 200,
  },
  { route: 'GET /api/search', request: () => ({ method: 'GET', url: '/api/search?q=C000' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'GET /api/customers',
    request: () => ({ method: 'GET', url: '/api/customers?q=C000' }),
    ask: ['anonymous', 'initiator', 'auditor'], ok: 200,
  },
  // Customer master data (issue 14): editing roles in the customer's unit scope; the per-row refusals are in test/integration/customers/.
  {
    route: 'POST /api/customers',
    request: () => ({ method: 'POST', url: '/api/customers', payload: { name: `矩阵客户 ${NEW_USER}`, tier: 'C', unitId: 'zj' } }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 201, rowLevel: { otherUnit: 403 },
  },
  { route: 'GET /api/customers/{id}', request: () => ({ method: 'GET', url: '/api/customers/C0002' }), ask: ['anonymous', 'initiator', 'otherUnit', 'auditor'], ok: 200 },
  {
    route: 'PATCH /api/customers/{id}',
    request: () => ({ method: 'PATCH', url: '/api/customers/C0002', payload: { industry: '商贸' } }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 200, rowLevel: { otherUnit: 403 },
  },
  { route: 'GET /api/customers/{id}/changes', request: () => ({ method: 'GET', url: '/api/customers/C0002/changes' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  { route: 'GET /api/customers/{id}/distributions', request: () => ({ method: 'GET', url: '/api/customers/C0002/distributions' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  { route: 'GET /api/customers/{id}/visits', request: () => ({ method: 'GET', url: '/api/customers/C0002/visits' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  { route: 'GET /api/customers/{id}/tiers', request: () => ({ method: 'GET', url: '/api/customers/C0002/tiers' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  // 重要日期: read like the visit log, edited like the card; past the rule a day that does not exist (400) or an unknown date (404) changes nothing.
  { route: 'GET /api/customers/{id}/dates', request: () => ({ method: 'GET', url: '/api/customers/C0002/dates' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'POST /api/customers/{id}/dates',
    request: () => ({ method: 'POST', url: '/api/customers/C0002/dates', payload: { kind: 'birthday', label: '矩阵', month: 2, day: 30 } }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 400, rowLevel: { otherUnit: 403 },
  },
  {
    route: 'PATCH /api/customers/{id}/dates/{dateId}',
    request: () => ({ method: 'PATCH', url: '/api/customers/C0002/dates/999999999', payload: { label: '矩阵' } }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 404, rowLevel: { otherUnit: 403 },
  },
  {
    route: 'DELETE /api/customers/{id}/dates/{dateId}',
    request: () => ({ method: 'DELETE', url: '/api/customers/C0002/dates/999999999' }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 404, rowLevel: { otherUnit: 403 },
  },
  // 客户分类标准: past the rule, a province's 客服经理 or agent is refused (403); an unchanged rule is 422, so nothing moves here.
  { route: 'GET /api/customers/tier-rules', request: () => ({ method: 'GET', url: '/api/customers/tier-rules' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'PUT /api/customers/tier-rules/{tier}',
    request: () => ({ method: 'PUT', url: '/api/customers/tier-rules/D', payload: { callbackCoverage: 0.1, followUpDays: 5, complaintDays: 5, note: '矩阵' } }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'admin'], ok: 422, rowLevel: { initiator: 403, candidate: 403 },
  },
  { route: 'GET /api/customers/roster', request: () => ({ method: 'GET', url: '/api/customers/roster?tier=A' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  { route: 'GET /api/customers/roster/export', request: () => ({ method: 'GET', url: '/api/customers/roster/export?tier=A&format=csv' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  { route: 'GET /api/customers/{id}/overview', request: () => ({ method: 'GET', url: '/api/customers/C0002/overview' }), ask: ['anonymous', 'initiator', 'otherUnit', 'auditor'], ok: 200 },
  {
    route: 'POST /api/customers/{id}/purchases',
    // Past the rule and the customer's scope, the unknown product is refused (no follow-up case is started here).
    request: () => ({ method: 'POST', url: '/api/customers/C0002/purchases', payload: { productId: 'NO-SUCH', purchasedOn: '2026-11-01', amount: 1 } }),
    ask: ['anonymous', 'initiator', 'otherUnit', 'auditor', 'owner'], ok: 422, rowLevel: { otherUnit: 403 },
  },
  { route: 'GET /api/archives', request: () => ({ method: 'GET', url: '/api/archives?status=in_stock' }), ask: ['anonymous', 'initiator', 'otherUnit', 'auditor'], ok: 200 },
  // Past the rule, an archive outside the reader's units is as absent as an unknown one.
  { route: 'GET /api/archives/{id}', request: () => ({ method: 'GET', url: '/api/archives/DA-NO-SUCH' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 404 },
  // 法律保全: auditors change nothing; past the rule the 客服经理 check is per archive (test/integration/processes/archive-lifecycle.test.ts).
  {
    route: 'POST /api/archives/{id}/legal-hold',
    request: () => ({ method: 'POST', url: '/api/archives/DA-NO-SUCH/legal-hold', payload: { hold: true, reason: '矩阵' } }),
    ask: ['anonymous', 'initiator', 'auditor'], ok: 404,
  },
  { route: 'GET /api/products', request: () => ({ method: 'GET', url: '/api/products' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'PUT /api/products/{id}',
    request: () => ({ method: 'PUT', url: `/api/products/P-${NEW_USER}`, payload: { id: `P-${NEW_USER}`, name: '矩阵产品', model: `M-${NEW_USER}`, portable: true, warrantyMonths: 12 } }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  { route: 'GET /api/fee-schedule', request: () => ({ method: 'GET', url: '/api/fee-schedule' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'PUT /api/fee-schedule',
    request: () => ({ method: 'PUT', url: '/api/fee-schedule', payload: { model: `M-${NEW_USER}`, serviceKind: '保养', fee: 10 } }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  { route: 'GET /api/imports/{kind}/template', request: () => ({ method: 'GET', url: '/api/imports/purchases/template?format=csv' }), ask: ['anonymous', 'initiator', 'auditor'], ok: 200 },
  {
    route: 'POST /api/imports/{kind}',
    // The kind decides who may: purchases are the editors'; a header alone imports nothing (422).
    request: () => ({ method: 'POST', url: '/api/imports/purchases', payload: { fileName: 'p.csv', contentBase64: Buffer.from('客户编号,产品编号,购买日期,发票号,保修卡号,数量,金额(元),已付金额(元),付款到期日\n').toString('base64') } }),
    ask: ['anonymous', 'initiator', 'auditor', 'owner'], ok: 422, rowLevel: { auditor: 403, owner: 403 },
  },
  { route: 'GET /api/notifications', request: () => ({ method: 'GET', url: '/api/notifications' }), ask: ['anonymous', 'candidate', 'auditor'], ok: 200 },
  // A signed-in stream never ends, so inject cannot read it: its 200 and its scoping are in live-events.test.ts (over HTTP).
  { route: 'GET /api/events', request: () => ({ method: 'GET', url: '/api/events' }), ask: ['anonymous'], ok: 200 },
  {
    route: 'POST /api/notifications/read',
    request: () => ({ method: 'POST', url: '/api/notifications/read', payload: {} }),
    ask: ['anonymous', 'candidate', 'auditor'], ok: 200,
  },
  { route: 'GET /api/calendar/days', request: () => ({ method: 'GET', url: '/api/calendar/days?year=2026' }), ask: ['anonymous', 'candidate', 'auditor', 'admin'], ok: 200 },
  {
    route: 'PUT /api/calendar/days',
    request: () => ({ method: 'PUT', url: '/api/calendar/days', payload: { days: [{ day: '2098-12-25', kind: 'holiday', note: '矩阵' }] } }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  {
    route: 'DELETE /api/calendar/days/{day}',
    request: () => ({ method: 'DELETE', url: '/api/calendar/days/2098-12-25' }),
    // After the PUT row above, so the admin's delete finds the day.
    ask: ['anonymous', 'candidate', 'auditor', 'admin'], ok: 204,
  },
  { route: 'GET /api/org-units', request: () => ({ method: 'GET', url: '/api/org-units' }), ask: ['anonymous', 'initiator', 'auditor', 'admin'], ok: 200 },
  {
    route: 'GET /api/admin/users',
    request: () => ({ method: 'GET', url: '/api/admin/users?unitId=zj' }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  {
    route: 'POST /api/admin/users',
    request: () => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: NEW_USER, displayName: '矩阵', unitId: 'zj', password: 'matrix-pass-1', roles: [{ role: 'cs_agent', unitId: 'zj' }] },
    }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 201,
  },
  {
    route: 'PATCH /api/admin/users/{id}',
    // After the POST row above, so the admin finds the user.
    request: () => ({ method: 'PATCH', url: `/api/admin/users/${NEW_USER}`, payload: { roles: [{ role: 'cs_manager', unitId: 'zj' }] } }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  {
    route: 'POST /api/admin/users/{id}/password',
    request: () => ({ method: 'POST', url: `/api/admin/users/${NEW_USER}/password`, payload: { password: 'matrix-pass-2' } }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 204,
  },
  {
    route: 'GET /api/admin/users/{id}/changes',
    request: () => ({ method: 'GET', url: `/api/admin/users/${NEW_USER}/changes` }),
    ask: ['anonymous', 'candidate', 'auditor', 'admin'], ok: 200,
  },
  // Reports: the rule decides (agents 403); a unit outside the caller's is test/security/reports.test.ts.
  // The 首页: every signed-in user gets their own cards.
  { route: 'GET /api/dashboard', request: () => ({ method: 'GET', url: '/api/dashboard' }), ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner', 'admin'], ok: 200 },
  {
    route: 'GET /api/processes/{key}/versions/{version}/analytics',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions/1/analytics` }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 200,
  },
  {
    route: 'GET /api/processes/{key}/versions/{version}/analytics/{elementId}/cases',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions/1/analytics/t/cases` }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 200,
  },
  { route: 'GET /api/reports', request: () => ({ method: 'GET', url: '/api/reports' }), ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner', 'admin'], ok: 200 },
  { route: 'GET /api/reports/{name}', request: () => ({ method: 'GET', url: '/api/reports/sla' }), ask: ['anonymous', 'initiator', 'candidate', 'otherUnit', 'auditor', 'owner'], ok: 200 },
  {
    route: 'GET /api/reports/{name}/export',
    request: () => ({ method: 'GET', url: '/api/reports/complaints/export?format=csv' }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 200,
  },
  { route: 'GET /api/report-snapshots', request: () => ({ method: 'GET', url: '/api/report-snapshots' }), ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 200 },
  // An id that does not exist: readers of reports reach the look-up (404), others are refused before it.
  { route: 'GET /api/report-snapshots/{id}', request: () => ({ method: 'GET', url: '/api/report-snapshots/999999999' }), ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 404 },
  // A month not yet over: process owners reach the period check (422), auditors and the rest are refused before it.
  {
    route: 'POST /api/report-snapshots',
    request: () => ({ method: 'POST', url: '/api/report-snapshots', payload: { period: '2999-12' } }),
    ask: ['anonymous', 'initiator', 'candidate', 'auditor', 'owner'], ok: 422,
  },
  { route: 'GET /api/views', request: () => ({ method: 'GET', url: '/api/views' }), ask: ['anonymous', 'candidate', 'auditor'], ok: 200 },
  {
    route: 'POST /api/views',
    // Auditors keep views too: a view only reads.
    request: () => ({ method: 'POST', url: '/api/views', payload: { name: `矩阵 ${NEW_USER}`, filters: { view: 'group' } } }),
    ask: ['anonymous', 'auditor', 'candidate'], ok: 201,
  },
  {
    route: 'PATCH /api/views/{id}',
    // Views are private: someone else's is not found, whoever asks (the teammate's 403 is in views-api.test.ts).
    request: (c) => ({ method: 'PATCH', url: `/api/views/${c.viewId}`, payload: { filters: { view: 'mine' } } }),
    ask: ['anonymous', 'otherUnit', 'auditor', 'admin', 'candidate'], ok: 200, rowLevel: { otherUnit: 404, auditor: 404, admin: 404 },
  },
  {
    route: 'DELETE /api/views/{id}',
    request: (c) => ({ method: 'DELETE', url: `/api/views/${c.viewId}` }),
    ask: ['anonymous', 'otherUnit', 'auditor', 'admin', 'candidate'], ok: 204, rowLevel: { otherUnit: 404, auditor: 404, admin: 404 },
  },
  {
    route: 'PUT /api/admin/unit-webhooks/{unitId}',
    request: () => ({ method: 'PUT', url: '/api/admin/unit-webhooks/gd', payload: { format: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix' } }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 200,
  },
  { route: 'GET /api/admin/unit-webhooks', request: () => ({ method: 'GET', url: '/api/admin/unit-webhooks' }), ask: ['anonymous', 'candidate', 'auditor', 'admin'], ok: 200 },
  {
    route: 'DELETE /api/admin/unit-webhooks/{unitId}',
    // After the PUT row above, so the admin finds the webhook (and gd's chat hears nothing of later tests).
    request: () => ({ method: 'DELETE', url: '/api/admin/unit-webhooks/gd' }),
    ask: ['anonymous', 'candidate', 'auditor', 'owner', 'admin'], ok: 204,
  },
];

describe('permissions: role × route matrix', () => {
  let e: Engine;
  const ctx = {} as Ctx;
  const sessions = new Map<Persona, { user: RoleHolder; capabilities: Capabilities }>();
  beforeAll(async () => {
    e = await startEngine('perm');
    ctx.key = uniqueKey('perm');
    ctx.xml = bpmnXml(ctx.key, `<bpmn:startEvent id="s"/>${userTask('t', { group: 'cs_manager' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);
    expect((await e.deploy(ctx.xml)).statusCode).toBe(201);
    ctx.caseId = await e.start(USERS.initiator, ctx.key);
    ctx.taskId = (await e.waitForTasks(ctx.caseId, ['t']))[0]!.id;
    const view = await e.stack.app.inject({ method: 'POST', url: '/api/views', headers: { cookie: await e.cookie(USERS.candidate) }, payload: { name: `权限 ${NEW_USER}`, filters: {} } });
    expect(view.statusCode, view.body).toBe(201);
    ctx.viewId = view.json().id;
    for (const [persona, username] of Object.entries(USERS) as Array<[Persona, string]>) {
      const res = await e.stack.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: await e.cookie(username) } });
      sessions.set(persona, res.json());
    }
  });

  it('serves each user the capabilities the policy gives their roles', () => {
    for (const [persona, s] of sessions) expect(s.capabilities, persona).toEqual(capabilities(s.user));
  });
  afterAll(async () => e?.close());

  it('covers every route the API publishes', async () => {
    const spec = (await e.stack.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const published = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(published.sort()).toEqual(MATRIX.map((r) => r.route).sort());
    expect(published.sort()).toEqual(Object.keys(ROUTE_RULES).sort());
  });

  it.each(MATRIX)('$route', async (row) => {
    for (const persona of row.ask) {
      const gate = routeGate(ROUTE_RULES[row.route], persona === 'anonymous' ? null : sessions.get(persona)!.user);
      const status = gate === 'unauthorized' ? 401 : gate === 'forbidden' ? 403 : (row.rowLevel?.[persona] ?? row.ok);
      if (status === undefined) throw new Error(`${row.route}: no expected status for ${persona}, whom the policy lets through`);
      const req = row.request(ctx);
      const headers = persona === 'anonymous' ? {} : { cookie: await e.cookie(USERS[persona]) };
      const res = await e.stack.app.inject({ ...req, headers });
      expect(res.statusCode, `${persona} → ${row.route}: ${res.body.slice(0, 300)}`).toBe(status);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      if (row.route === 'POST /api/tasks/bulk-complete' && persona !== 'anonymous') expect(res.json().results[0].status).toBe(403);
    }
  });
});
