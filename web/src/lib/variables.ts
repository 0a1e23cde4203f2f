import type { Customer } from '../../../contract';

/** One key/value row of the new-case dialog. */
export interface VariableRow {
  name?: string;
  value?: string;
}

/** The server accepts FEEL-friendly names only. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A typed value from what was typed: JSON numbers, booleans, null, arrays and objects (`42`, `true`,
 * `["a"]`) are parsed; anything else stays the text it is (`"42"` in quotes stays a string).
 */
export function parseValue(raw: string): unknown {
  const text = raw.trim();
  if (text === '') return '';
  if (/^(-?\d|true$|false$|null$|[[{"])/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/** Rows → `variables`; rows without a name are skipped; undefined when nothing is left. */
export function rowsToVariables(rows: readonly VariableRow[] | undefined): Record<string, unknown> | undefined {
  const entries = (rows ?? []).filter((r) => r.name?.trim()).map((r) => [r.name!.trim(), parseValue(r.value ?? '')] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * The chosen customer's id, name, contact and phone as the variables the processes' first forms
 * use (客户编号, 客户名称, 联系人, 联系电话), so they open filled in; variables typed below win.
 */
export function withCustomer(c: Pick<Customer, 'id' | 'name' | 'contactName' | 'phone'> | null, variables: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!c) return variables;
  return {
    customerId: c.id,
    customerName: c.name,
    ...(c.contactName ? { contactPerson: c.contactName } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    ...variables,
  };
}
