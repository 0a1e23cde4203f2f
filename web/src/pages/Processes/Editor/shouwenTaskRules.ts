// What the 首问 entries of the properties panel accept, checked as the owner types: the same rules
// the compiler applies at validate (bpmn/compiler/map-tasks.ts), said in Chinese next to the field.
import { ROLE_CODES } from '../../../../../policy/roles';
import { zh } from '../../../i18n/messages';

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** shouwen:outcomes: comma-separated ids (approve,reject); empty means the single 完成. */
export function outcomesProblem(value: string): string | null {
  const parts = value.split(',').map((s) => s.trim());
  if (value.trim() === '') return null;
  if (parts.some((p) => p === '')) return '结果之间用一个逗号分隔，不要留空项';
  const bad = parts.find((p) => !IDENT.test(p));
  if (bad) return `“${bad}”不是有效的结果标识：用英文字母开头，只含字母、数字和下划线（如 approve、reject）`;
  const dup = parts.find((p, i) => parts.indexOf(p) !== i);
  if (dup) return `结果“${dup}”重复`;
  return null;
}

/** shouwen:dueWorkingDays: N 个工作日, a whole number greater than zero (empty: no due date). */
export function dueDaysProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  return /^[1-9]\d{0,3}$/.test(v) ? null : '期限须为大于 0 的整数（个工作日），如 3';
}

/** The text a valid due-days field stands for in the diagram: a number, or undefined to remove the attribute. */
export const dueDaysValue = (value: string): number | undefined => (value.trim() === '' || dueDaysProblem(value) ? undefined : Number(value.trim()));


/** The org roles a user task may be offered to, for the candidate group select (first option: none). */
export const roleOptions = (): { value: string; label: string }[] => [{ value: '', label: '（未指定）' }, ...ROLE_CODES.map((r) => ({ value: r, label: `${zh[`role.${r}`]}（${r}）` }))];

const SCOPES = [
  { value: '', label: '案例所属单位（默认）' },
  { value: 'ancestors', label: '案例所属单位及其上级单位' },
];

/** shouwen:candidateScope options; a value the engine does not know stays selectable, marked, so validate names it. */
export const candidateScopeOptions = (current: string): { value: string; label: string }[] =>
  current && current !== 'unit' && !SCOPES.some((o) => o.value === current) ? [...SCOPES, { value: current, label: `${current}（不支持）` }] : current === 'unit' ? [...SCOPES, { value: 'unit', label: '案例所属单位' }] : SCOPES;

export interface Person {
  id: string;
  displayName: string;
  unitId: string;
  roles: string[];
}

/**
 * The assignee select's options: people by name with their unit and roles (the value written is
 * the id); a FEEL expression or an id not in the list stays selectable as written.
 */
export function assigneeOptions(people: readonly Person[], current: string): { value: string; label: string }[] {
  const roleName = (r: string) => (zh as Record<string, string>)[`role.${r}`] ?? r;
  const options = [
    { value: '', label: '（未指定：交给候选角色）' },
    ...[...people].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')).map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitId}${p.roles.length ? ` · ${p.roles.map(roleName).join('、')}` : ''}）` })),
  ];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current.startsWith('=') ? `表达式：${current}` : current });
  return options;
}
