import { describe, expect, it } from 'vitest';
import { activeFilterCount, DEFAULT_TASK_LIST_PARAMS, dueDayProblem, endOfDayExclusive, hasNarrowingFilters, paramsFromSearch, paramsToSearch, sameParams, toApiQuery, withStatus } from './taskListParams';

describe('inbox filters in the URL', () => {
  it('defaults to all open tasks by due date, and leaves defaults out of the URL', () => {
    expect(paramsFromSearch('')).toEqual(DEFAULT_TASK_LIST_PARAMS);
    expect(paramsToSearch(DEFAULT_TASK_LIST_PARAMS)).toBe('');
  });

  it('round-trips every filter', () => {
    const p = { view: 'mine', status: 'completed', sort: 'priority', processKey: 'complaint', dueBefore: '2025-03-31', customerId: 'c1', q: '张三 CASE-1' } as const;
    expect(paramsFromSearch(paramsToSearch(p))).toEqual(p);
  });

  it('lists 已办 newest first unless told otherwise, and a chosen order survives a change of status', () => {
    expect(paramsFromSearch('?status=completed')).toEqual({ view: 'all', status: 'completed', sort: 'created' });
    expect(paramsToSearch({ view: 'all', status: 'completed', sort: 'created' })).toBe('?status=completed');
    expect(paramsToSearch({ view: 'all', status: 'completed', sort: 'due' })).toBe('?status=completed&sort=due');
    expect(activeFilterCount({ view: 'all', status: 'completed', sort: 'created' })).toBe(1);
    const done = withStatus(DEFAULT_TASK_LIST_PARAMS, 'completed');
    expect(done.sort).toBe('created');
    expect(withStatus(done, 'open')).toEqual(DEFAULT_TASK_LIST_PARAMS);
    expect(withStatus({ ...DEFAULT_TASK_LIST_PARAMS, sort: 'priority' }, 'completed').sort).toBe('priority');
  });

  it('ignores unknown values and malformed days', () => {
    expect(paramsFromSearch('?view=boss&status=maybe&sort=random&due=31/03/2025&q=%20%20')).toEqual(DEFAULT_TASK_LIST_PARAMS);
  });

  it('compares filters regardless of blank fields', () => {
    expect(sameParams({ ...DEFAULT_TASK_LIST_PARAMS, q: '  ' }, DEFAULT_TASK_LIST_PARAMS)).toBe(true);
    expect(hasNarrowingFilters({ ...DEFAULT_TASK_LIST_PARAMS, q: 'x' })).toBe(true);
    expect(hasNarrowingFilters({ ...DEFAULT_TASK_LIST_PARAMS, view: 'mine' })).toBe(false);
  });
});

describe("the phone's 筛选 count", () => {
  it('counts each filter that differs from the defaults, not the view or a blank search', () => {
    expect(activeFilterCount(DEFAULT_TASK_LIST_PARAMS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_TASK_LIST_PARAMS, view: 'mine', q: '  ' })).toBe(0);
    expect(activeFilterCount({ view: 'all', status: 'completed', sort: 'priority', q: 'TS-1', processKey: 'complaint', dueBefore: '2026-12-01' })).toBe(5);
  });
});

describe('GET /api/tasks query', () => {
  it('sends the contract names, the cursor and the limit', () => {
    const q = new URLSearchParams(toApiQuery({ view: 'group', status: 'open', sort: 'created', processKey: 'repair', q: 'abc' }, 'CUR/+=', 50));
    expect(Object.fromEntries(q)).toEqual({ view: 'group', status: 'open', sort: 'created', limit: '50', processKey: 'repair', q: 'abc', cursor: 'CUR/+=' });
  });

  it('turns a due-before day into the instant the next local day starts', () => {
    const iso = endOfDayExclusive('2025-03-31');
    const d = new Date(iso);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2025, 4, 1, 0, 0]);
    expect(new URLSearchParams(toApiQuery({ ...DEFAULT_TASK_LIST_PARAMS, dueBefore: '2025-03-31' }, null)).get('dueBefore')).toBe(iso);
  });
});

describe('the due-before day', () => {
  it('takes real days of sensible years, and names what is wrong with the others', () => {
    expect(dueDayProblem('2026-12-31')).toBeNull();
    expect(dueDayProblem('9999-12-31')).toBe('outOfRange');
    expect(dueDayProblem('1999-12-31')).toBe('outOfRange');
    expect(dueDayProblem('2026-02-30')).toBe('invalid');
    expect(dueDayProblem('tomorrow')).toBe('invalid');
  });

  it('drops a day from the URL the API could not be asked about', () => {
    expect(paramsFromSearch('due=9999-12-31').dueBefore).toBeUndefined();
    expect(paramsFromSearch('due=2026-12-31').dueBefore).toBe('2026-12-31');
  });
});
