import { seesEverything, type RoleHolder } from './roles';

// 客户信息秘密等级: a customer's level limits who may read the customer's data. Roles count in
// the customer's own unit or any unit above it (a regional manager reads a province's secrets).
// Auditors and admins read every level.

export type Confidentiality = 'public' | 'internal' | 'secret' | 'confidential';

/** Who reads each level: everyone, or holders of these roles in the customer's unit or above. */
export const CLEARED: Record<Confidentiality, ReadonlySet<string> | 'everyone'> = {
  public: 'everyone',
  internal: 'everyone',
  secret: new Set(['cs_manager', 'general_manager']),
  confidential: new Set(['general_manager']),
};

/** Only these levels ever hide anything: a page of rows without them needs no clearance check. */
export const isRestricted = (level: Confidentiality | null | undefined): boolean => level === 'secret' || level === 'confidential';

/**
 * @param unitPath the customer's unit as a materialised path ("hq/east/zj")
 * @param pathOf   materialised path of any unit id
 */
export function mayReadCustomer(user: RoleHolder, level: Confidentiality, unitPath: string, pathOf: (unitId: string) => string | undefined): boolean {
  const cleared = CLEARED[level];
  if (cleared === 'everyone') return true;
  if (seesEverything(user)) return true;
  return user.roles.some((r) => {
    if (!cleared.has(r.role)) return false;
    const mine = pathOf(r.unitId);
    return mine !== undefined && (unitPath === mine || unitPath.startsWith(`${mine}/`));
  });
}

export const MASKED_NAME = '（保密客户）';

/** A customer above the reader's clearance: it exists, but not who it is or how to reach it. */
export const maskCustomer = <T extends { name: string; contactName: unknown; phone: unknown }>(c: T): T => ({ ...c, name: MASKED_NAME, contactName: null, phone: null });

/** What a case of such a customer is called for those not cleared: its title often names the customer. */
export const MASKED_TITLE = '（保密客户的案例）';

/** What a notice about such a case says instead of its text (a title, a diagram's message, a reason). */
export const MASKED_NOTICE = `${MASKED_TITLE}有新动态`;

/** A case of such a customer: it exists, never what was recorded in it nor what it is called. */
export const maskCaseVariables = <T extends { variables: Record<string, unknown>; title?: string }>(c: T): T =>
  'title' in c ? { ...c, variables: {}, title: MASKED_TITLE } : { ...c, variables: {} };
/** What a comment on such a case's task says for those not cleared (who wrote it and when stay). */
export const MASKED_COMMENT = '（保密客户的案例，内容不予显示）';
/** What an incident's technical line says for those not cleared: the engine's line may quote the case's data (an expression's values, a database error's input). */
export const MASKED_DETAIL = '（保密客户的案例，详情不予显示）';
export const maskIncident = <T extends { message: string }>(i: T): T => ({ ...i, message: MASKED_DETAIL });
/**
 * A running case's state (GET /api/cases/:id/state) for those not cleared: its variables, and what
 * repeats them — each open step's own variables (its input mappings), each incident's line.
 */
export const maskCaseState = <T extends { variables: Record<string, unknown>; openTasks: Array<{ variables?: Record<string, unknown> }>; incidents: Array<{ message: string }> }>(s: T): T => ({
  ...maskCaseVariables(s),
  openTasks: s.openTasks.map((o) => ({ ...o, variables: {} })),
  incidents: s.incidents.map(maskIncident),
});
// The new assignee's name goes with the payload that names them (a withheld delegation names no one).
export const maskEventPayloads = <T extends { payload: Record<string, unknown>; assigneeName?: string | null }>(events: T[]): T[] =>
  events.map((e) => ({ ...e, payload: {}, ...('assigneeName' in e ? { assigneeName: null } : {}) }));
