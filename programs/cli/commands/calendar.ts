import { createCalendarRepository } from '../../../db/calendar';
import { calendarDayChangesSchema } from '../../../contract';
import { createCalendarService } from '../../../server/services/calendar-service';
import { parseCommand, positiveInt } from '../args';
import { CliError, EXIT, loadUser, usageError, withDatabase } from '../context';
import { say } from '../lang';
import { readText } from '../files';
import { print, table } from '../output';
import type { Command } from './types';

// `shouwen calendar import <file.json>`: enter a year's holidays and 调休 days (e.g. 2027, which
// chinese-days does not know yet) from a file, through the same service and checks as
// PUT /api/calendar/days. `shouwen calendar show <year>`: the days that are not ordinary.

/** The file holds the API's body ({"days": [...]}) or just the list. */
async function readDays(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(await readText(file));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(say(`${file}：不是有效的 JSON（${(err as Error).message}）`, `${file}: not valid JSON (${(err as Error).message})`), EXIT.usage);
  }
  const list = json && typeof json === 'object' && !Array.isArray(json) && 'days' in json ? (json as { days: unknown }).days : json;
  const parsed = calendarDayChangesSchema.safeParse(list);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: days.${i.path.join('.')}: ${i.message}`.replace('days.:', 'days:'));
    throw new CliError(lines.join('\n'), EXIT.usage);
  }
  return parsed.data;
}

export const calendar: Command = async (args, config) => {
  const { values, positionals } = parseCommand('calendar', args, { user: { type: 'string', default: 'admin' } }, { min: 2, max: 2, names: 'import <file.json> | show <year>' });
  const [action, arg] = positionals as [string, string];
  if (action === 'import') {
    const days = await readDays(arg);
    return withDatabase(config(), async (db) => {
      const user = await loadUser(db, values.user);
      const saved = await createCalendarService(createCalendarRepository(db)).save(user, days);
      print(say(`已保存 ${saved} 个日历日期；此后计算的期限将按它们计算`, `saved ${saved} calendar day(s); deadlines computed from now on use them`));
      return EXIT.ok;
    });
  }
  if (action === 'show') {
    const year = positiveInt('calendar', 'year', arg)!;
    return withDatabase(config(), async (db) => {
      const view = await createCalendarService(createCalendarRepository(db)).year(year);
      if (!view.nationalScheduleKnown) print(say(`国家节假日安排中还没有 ${year} 年的数据：只排除周末，另加下列人工设置`, `no national holiday schedule for ${year}: weekends only, plus the overrides below`));
      const special = view.days.filter((d) => d.source !== 'weekday');
      const source = (s: string) => say(s === 'national' ? '国家安排' : s === 'override' ? '人工设置' : s, s);
      print(
        table(
          say('日期|工作日|来源|名称', 'DAY|WORKING|SOURCE|NAME').split('|'),
          special.map((d) => [d.day, d.working ? say('是', 'yes') : say('否', 'no'), source(d.source), d.name ?? '']),
        ),
      );
      return EXIT.ok;
    });
  }
  throw usageError(say(`calendar：没有操作“${action}”，请用 import 或 show。`, `calendar: unknown action "${action}"; use import or show.`));
};
