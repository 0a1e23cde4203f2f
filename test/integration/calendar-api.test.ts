import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarActivities } from '../../activities/calendar';
import { runCli } from '../../programs/cli/spawn-cli';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { sharedStack } from '../shared-stack';

// Business-calendar administration: everyone reads the year, admins enter the days the national
// schedule lacks (API and CLI), and the deadline activity uses what they entered. Years far
// ahead (2098, 2099) keep these rows out of other tests' deadlines; they are removed afterwards.

describe('business calendar API', () => {
  let s: TestStack;
  let tmp: string;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    return cookies.get(user)!;
  };
  const call = async (user: string | null, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await s.app.inject({ method, url, headers: { ...headers, ...(user ? { cookie: await cookie(user) } : {}) }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.body ? res.json() : undefined, type: String(res.headers['content-type'] ?? '') };
  };
  const dayOf = async (day: string) => {
    const year = await call('zj.cs_agent', 'GET', `/api/calendar/days?year=${day.slice(0, 4)}`);
    return year.body.days.find((d: { day: string }) => d.day === day);
  };

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('calendar'));
    tmp = await mkdtemp(join(tmpdir(), 'shouwen-calendar-'));
  });
  afterAll(async () => {
    await s?.db.query(`DELETE FROM calendar_day WHERE day >= '2098-01-01'`);
    await s?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('shows every day of a year and where its status comes from (national schedule of 2026)', async () => {
    const res = await call('zj.cs_agent', 'GET', '/api/calendar/days?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, nationalScheduleKnown: true });
    expect(res.body.days).toHaveLength(365);
    const byDay = new Map(res.body.days.map((d: { day: string }) => [d.day, d]));
    expect(byDay.get('2026-10-01')).toMatchObject({ weekday: 4, working: false, source: 'national', name: '国庆节', override: null });
    expect(byDay.get('2026-10-10')).toMatchObject({ weekday: 6, working: true, source: 'national', name: '国庆节' }); // 调休
    expect(byDay.get('2026-10-12')).toMatchObject({ weekday: 1, working: true, source: 'weekday', name: null });
    expect(byDay.get('2026-10-11')).toMatchObject({ weekday: 7, working: false, source: 'weekday' });
    expect((await call('hq.auditor', 'GET', '/api/calendar/days?year=2026')).statusCode).toBe(200);
    expect((await call(null, 'GET', '/api/calendar/days?year=2026')).statusCode).toBe(401);
    const bad = await call('zj.cs_agent', 'GET', '/api/calendar/days?year=1999');
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.year');
  });

  it('admins set overrides; a year the national schedule lacks becomes usable for deadlines', async () => {
    const days = [
      ...['2099-10-01', '2099-10-02', '2099-10-05', '2099-10-06', '2099-10-07'].map((day) => ({ day, kind: 'holiday', note: '国庆节' })),
      { day: '2099-10-10', kind: 'workday', note: '国庆节调休' }, // a Saturday
    ];
    const put = await call('admin', 'PUT', '/api/calendar/days', { days });
    expect(put).toMatchObject({ statusCode: 200, body: { saved: 6 } });
    const year = await call('zj.cs_agent', 'GET', '/api/calendar/days?year=2099');
    expect(year.body.nationalScheduleKnown).toBe(false);
    expect(await dayOf('2099-10-01')).toMatchObject({
      working: false,
      source: 'override',
      name: '国庆节',
      nationalWorking: true,
      override: { kind: 'holiday', note: '国庆节', updatedBy: 'admin', updatedAt: expect.any(String) },
    });
    expect(await dayOf('2099-10-10')).toMatchObject({ weekday: 6, working: true, source: 'override', nationalWorking: false });

    // The deadline activity reads the same rows: Wed 09-30 10:00 CST + 1 working day skips the holiday to Thu 10-08.
    const calendar = createCalendarActivities({ db: s.db });
    expect(await calendar.addWorkingDays({ from: '2099-09-30T02:00:00Z', days: 1 })).toBe('2099-10-08T02:00:00.000Z');
    expect(await calendar.addWorkingDays({ from: '2099-09-30T02:00:00Z', days: 3 })).toBe('2099-10-10T02:00:00.000Z');

    // Putting a day again replaces it.
    expect((await call('admin', 'PUT', '/api/calendar/days', { days: [{ day: '2099-10-07', kind: 'workday' }] })).statusCode).toBe(200);
    expect(await dayOf('2099-10-07')).toMatchObject({ working: true, source: 'override', name: null, override: { kind: 'workday', note: '' } });

    expect((await call('admin', 'DELETE', '/api/calendar/days/2099-10-07')).statusCode).toBe(204);
    expect(await dayOf('2099-10-07')).toMatchObject({ working: true, source: 'weekday', override: null });
    const again = await call('admin', 'DELETE', '/api/calendar/days/2099-10-07');
    expect(again.statusCode).toBe(404);
    expect(again.type).toContain('application/problem+json');
  });

  it('refuses everyone but admins, invalid days, duplicates and cross-site writes, with problem documents', async () => {
    const body = { days: [{ day: '2098-05-04', kind: 'holiday' }] };
    for (const user of ['zj.cs_manager', 'hq.process_owner', 'hq.auditor']) {
      const res = await call(user, 'PUT', '/api/calendar/days', body);
      expect(res.statusCode, user).toBe(403);
      expect(res.type).toContain('application/problem+json');
      expect((await call(user, 'DELETE', '/api/calendar/days/2099-10-01')).statusCode, user).toBe(403);
    }
    expect((await call(null, 'PUT', '/api/calendar/days', body)).statusCode).toBe(401);

    const invalid = await call('admin', 'PUT', '/api/calendar/days', { days: [{ day: '2098-02-29', kind: 'holiday' }, { day: '2098-03-01', kind: 'vacation' }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.days.0.day', 'body.days.1.kind']);
    const duplicate = await call('admin', 'PUT', '/api/calendar/days', { days: [body.days[0], { day: '2098-05-04', kind: 'workday' }] });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body.errors).toEqual([{ path: 'body.days.1.day', message: '2098-05-04 重复填写了', code: 'calendar.duplicateDay', params: { day: '2098-05-04', index: 0 } }]);
    expect((await call('admin', 'PUT', '/api/calendar/days', { days: [] })).statusCode).toBe(400);
    expect((await call('admin', 'DELETE', '/api/calendar/days/tomorrow')).statusCode).toBe(400);

    const crossSite = await call('admin', 'PUT', '/api/calendar/days', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect((await dayOf('2098-05-04')).source).toBe('weekday'); // nothing was written
  });

  it('npx shouwen calendar import / show', async () => {
    const cli = (...args: string[]) => runCli(['calendar', ...args], { DATABASE_URL: sharedStack().databaseUrl, SHOUWEN_LANG: 'en' });
    const cliZh = (...args: string[]) => runCli(['calendar', ...args], { DATABASE_URL: sharedStack().databaseUrl, SHOUWEN_LANG: undefined });
    const file = join(tmp, 'holidays-2098.json');
    await writeFile(file, JSON.stringify({ days: [{ day: '2098-01-01', kind: 'holiday', note: '元旦' }, { day: '2098-01-04', kind: 'workday', note: '调休' }] }));
    const imported = await cli('import', file);
    expect(imported, imported.stderr).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/saved 2 calendar day/);
    expect(await dayOf('2098-01-01')).toMatchObject({ working: false, source: 'override', name: '元旦' });

    const shown = await cli('show', '2098');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/2098-01-01\s+no\s+override\s+元旦/);
    const shownZh = await cliZh('show', '2098');
    expect(shownZh.stdout).toMatch(/^国家节假日安排中还没有 2098 年的数据/);
    expect(shownZh.stdout).toMatch(/^日期 +工作日 +来源 +名称$/m);
    expect(shownZh.stdout).toMatch(/2098-01-01\s+否\s+人工设置\s+元旦/);

    const refused = await cli('import', file, '--user', 'zj.cs_manager');
    expect(refused).toMatchObject({ code: 1, stderr: 'error 403: Only administrators may change the business calendar.\n' });
    expect(await cliZh('import', file, '--user', 'zj.cs_manager')).toMatchObject({ code: 1, stderr: '错误 403：只有系统管理员可以修改工作日历。\n' });
    const badFile = join(tmp, 'bad.json');
    await writeFile(badFile, JSON.stringify([{ day: '2098-13-01', kind: 'holiday' }]));
    const bad = await cli('import', badFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${badFile}: days.0.day:`);
  });
});
