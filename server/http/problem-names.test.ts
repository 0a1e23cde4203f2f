import { describe, expect, it } from 'vitest';
import { namedProblemExtra, problemNamer } from './problem-names';

/** A stand-in for the pool that answers the namer's one query and counts the calls. */
function fakeDb(names: { users?: Record<string, string>; processes?: Record<string, string>; fails?: boolean }) {
  const calls: unknown[][] = [];
  return {
    calls,
    db: {
      query: async (_text: string, values: unknown[]) => {
        calls.push(values);
        if (names.fails) throw new Error('database down');
        const [userId, processKey] = values as [string | null, string | null];
        return { rows: [{ user_name: (userId && names.users?.[userId]) ?? null, process_name: (processKey && names.processes?.[processKey]) ?? null }] };
      },
    } as never,
  };
}

describe('problemNamer', () => {
  it('names people and processes, and leaves an unknown id as its own name', async () => {
    const { db } = fakeDb({ users: { 'zj.cs_manager': '浙江省服务中心 客服经理' }, processes: { complaint: '投诉处理' } });
    const name = problemNamer(db);
    expect(await name({ userId: 'zj.cs_manager', processKey: 'complaint' })).toEqual({
      userId: 'zj.cs_manager',
      processKey: 'complaint',
      userName: '浙江省服务中心 客服经理',
      processName: '投诉处理',
    });
    expect(await name({ userId: 'nobody' })).toEqual({ userId: 'nobody', userName: 'nobody' });
  });

  it('looks each person up once per response, however many refusals name them (bulk complete: detail and params)', async () => {
    const { db, calls } = fakeDb({ users: { a: '甲' } });
    const name = problemNamer(db);
    const extras = Array.from({ length: 20 }, (): { params: Record<string, string> } => ({ params: { userId: 'a' } }));
    const named = await Promise.all(extras.map((e) => namedProblemExtra(e, name)));
    await Promise.all(named.map(() => name({ userId: 'a' })));
    expect(named.every((e) => e.params?.userName === '甲')).toBe(true);
    expect(calls).toHaveLength(1);
    // A new response asks again: a name changed since is not served stale.
    await problemNamer(db)({ userId: 'a' });
    expect(calls).toHaveLength(2);
  });

  it('keeps the ids when the lookup fails: a refusal never fails on its words', async () => {
    const { db } = fakeDb({ fails: true });
    expect(await problemNamer(db)({ userId: 'a', processKey: 'p' })).toEqual({ userId: 'a', processKey: 'p', userName: 'a', processName: 'p' });
  });
});
