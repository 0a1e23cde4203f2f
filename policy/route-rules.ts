import { capabilities, type Capabilities } from './capabilities';
import type { RoleHolder } from './roles';

// What each API route asks of its caller before it looks at any row. Row-level rules come after:
// a case the caller may not read is 404 (ids cannot be probed), a task not offered to them 403.
// The permission matrix test (test/integration/permissions.test.ts) holds every published route
// to this table.

export type RouteRule = 'public' | 'signedIn' | keyof Capabilities;

export const ROUTE_RULES = {
  'GET /api/health': 'public',
  'POST /api/session': 'public',
  'GET /api/session': 'signedIn',
  'DELETE /api/session': 'public',
  'POST /api/cases': 'act',
  'GET /api/cases': 'signedIn',
  'GET /api/cases/export': 'signedIn',
  'GET /api/cases/{id}': 'signedIn',
  'GET /api/cases/{id}/state': 'signedIn',
  'POST /api/cases/{id}/messages': 'act',
  'POST /api/messages': 'act',
  'POST /api/signals': 'act',
  'GET /api/cases/{id}/records': 'signedIn',
  'GET /api/cases/{id}/audit': 'signedIn',
  'GET /api/cases/{id}/audit/export': 'signedIn',
  'POST /api/cases/{id}/replay': 'signedIn',
  'POST /api/cases/{id}/incidents/{incidentId}/resolve': 'resolveIncidents',
  'GET /api/incidents': 'signedIn',
  'GET /api/tasks': 'signedIn',
  'GET /api/tasks/counts': 'signedIn',
  'GET /api/tasks/{id}': 'signedIn',
  'POST /api/tasks/{id}/comments': 'signedIn',
  'POST /api/tasks/bulk-complete': 'signedIn',
  'POST /api/tasks/{id}/complete': 'signedIn',
  'POST /api/tasks/{id}/claim': 'signedIn',
  'POST /api/tasks/{id}/unclaim': 'signedIn',
  'POST /api/tasks/{id}/delegate': 'signedIn',
  'GET /api/tasks/{id}/eligible-users': 'signedIn',
  'POST /api/processes': 'deployProcesses',
  'GET /api/processes': 'signedIn',
  'POST /api/processes/validate': 'deployProcesses',
  'GET /api/processes/assignees': 'deployProcesses',
  'GET /api/processes/{key}/versions': 'signedIn',
  'GET /api/processes/{key}/versions/{version}': 'signedIn',
  'GET /api/processes/{key}/draft': 'deployProcesses',
  'PUT /api/processes/{key}/draft': 'deployProcesses',
  'DELETE /api/processes/{key}/draft': 'deployProcesses',
  'POST /api/processes/{key}/play': 'deployProcesses',
  'GET /api/processes/{key}/play/{runId}': 'deployProcesses',
  'POST /api/processes/{key}/play/{runId}/tasks/{taskId}/complete': 'deployProcesses',
  'POST /api/processes/{key}/play/{runId}/messages': 'deployProcesses',
  'POST /api/processes/{key}/play/{runId}/timers/{elementId}/fire': 'deployProcesses',
  'DELETE /api/processes/{key}/play/{runId}': 'deployProcesses',
  'POST /api/processes/{key}/migrations': 'deployProcesses',
  'GET /api/processes/{key}/schedules': 'signedIn',
  'POST /api/processes/{key}/schedules/{id}/pause': 'deployProcesses',
  'POST /api/processes/{key}/schedules/{id}/resume': 'deployProcesses',
  'POST /api/decisions': 'deployProcesses',
  'POST /api/decisions/validate': 'deployProcesses',
  'GET /api/decisions': 'signedIn',
  'GET /api/decisions/{key}': 'signedIn',
  'POST /api/decisions/{key}/evaluate': 'deployProcesses',
  'GET /api/users': 'overrideDelegation',
  'GET /api/customers': 'signedIn',
  'GET /api/search': 'signedIn',
  // Customer master data: which customer a caller may edit is policy/customers.ts, per row.
  'POST /api/customers': 'editCustomers',
  'GET /api/customers/{id}': 'signedIn',
  'PATCH /api/customers/{id}': 'editCustomers',
  'GET /api/customers/{id}/changes': 'signedIn',
  'GET /api/customers/{id}/distributions': 'signedIn',
  'GET /api/customers/{id}/visits': 'signedIn',
  'GET /api/customers/{id}/tiers': 'signedIn',
  'GET /api/customers/{id}/dates': 'signedIn',
  // 客户分类标准: past the rule, only the top unit's 客服经理 and admins (policy/customers.ts mayEditTierRules).
  'GET /api/customers/tier-rules': 'signedIn',
  'PUT /api/customers/tier-rules/{tier}': 'act',
  'POST /api/customers/{id}/dates': 'editCustomers',
  'PATCH /api/customers/{id}/dates/{dateId}': 'editCustomers',
  'DELETE /api/customers/{id}/dates/{dateId}': 'editCustomers',
  'GET /api/customers/roster': 'signedIn',
  'GET /api/customers/roster/export': 'signedIn',
  'GET /api/customers/{id}/overview': 'signedIn',
  // 档案登记: per row, the reader's units and clearance (db/archives.ts).
  'GET /api/archives': 'signedIn',
  'GET /api/archives/{id}': 'signedIn',
  // 法律保全: a 客服经理 over the archive's unit (policy/archives.ts, checked per row).
  'POST /api/archives/{id}/legal-hold': 'act',
  'POST /api/customers/{id}/purchases': 'editCustomers',
  'GET /api/products': 'signedIn',
  'PUT /api/products/{id}': 'manageCatalog',
  'GET /api/fee-schedule': 'signedIn',
  'PUT /api/fee-schedule': 'manageCatalog',
  // The kind decides: purchases need editCustomers, products and fees manageCatalog (routes/master-data.ts).
  'GET /api/imports/{kind}/template': 'signedIn',
  'POST /api/imports/{kind}': 'signedIn',
  'GET /api/notifications': 'signedIn',
  'GET /api/events': 'signedIn',
  'POST /api/notifications/read': 'signedIn',
  'GET /api/calendar/days': 'signedIn',
  'PUT /api/calendar/days': 'manageCalendar',
  'DELETE /api/calendar/days/{day}': 'manageCalendar',
  'GET /api/org-units': 'signedIn',
  'GET /api/admin/users': 'manageUsers',
  'POST /api/admin/users': 'manageUsers',
  'PATCH /api/admin/users/{id}': 'manageUsers',
  'POST /api/admin/users/{id}/password': 'manageUsers',
  'GET /api/admin/users/{id}/changes': 'manageUsers',
  // Saved inbox views only read: auditors keep them too. Ownership and teams are the service's.
  'GET /api/views': 'signedIn',
  'POST /api/views': 'signedIn',
  'PATCH /api/views/{id}': 'signedIn',
  'DELETE /api/views/{id}': 'signedIn',
  // The 首页: every card is scoped to the caller inside (policy/capabilities.ts dashboardCards).
  'GET /api/dashboard': 'signedIn',
  'GET /api/reports': 'readReports',
  'GET /api/processes/{key}/versions/{version}/analytics': 'readReports',
  'GET /api/processes/{key}/versions/{version}/analytics/{elementId}/cases': 'readReports',
  'GET /api/reports/{name}': 'readReports',
  'GET /api/reports/{name}/export': 'readReports',
  'GET /api/report-snapshots': 'readReports',
  'GET /api/report-snapshots/{id}': 'readReports',
  'POST /api/report-snapshots': 'deployProcesses',
  'GET /api/admin/unit-webhooks': 'manageUsers',
  'PUT /api/admin/unit-webhooks/{unitId}': 'manageUsers',
  'DELETE /api/admin/unit-webhooks/{unitId}': 'manageUsers',
} as const satisfies Record<string, RouteRule>;

export type RouteKey = keyof typeof ROUTE_RULES;

/** The answer a route's rule gives a caller (null = signed out), before any row is looked at. */
export function routeGate(rule: RouteRule, user: RoleHolder | null): 'pass' | 'unauthorized' | 'forbidden' {
  if (rule === 'public') return 'pass';
  if (!user) return 'unauthorized';
  if (rule === 'signedIn') return 'pass';
  return capabilities(user)[rule] ? 'pass' : 'forbidden';
}
