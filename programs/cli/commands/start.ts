import { createCaseRepository, createCaseWrites } from '../../../db/cases';
import { createProcessRepository } from '../../../db/processes';
import { createCaseEventStore } from '../../../db/case-events';
import { createUserRepository } from '../../../db/users';
import type { Db } from '../../../db/pool';
import type { TemporalAccess } from '../../../server/temporal/client';
import { createCaseService } from '../../../server/services/case-service';
import { parseCommand, positiveInt } from '../args';
import { EXIT, loadUser, usageError, withDatabase, withTemporal } from '../context';
import { say } from '../lang';
import { print } from '../output';
import type { Command } from './types';

/** `name=value`; the value is JSON when it parses (42, true, "text", [1,2]), else the text as is. */
export function parseVariable(arg: string): [string, unknown] {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw usageError(say(`start：--var “${arg}”不是 名称=值 的形式。`, `start: --var "${arg}" is not name=value.`));
  const raw = arg.slice(eq + 1);
  try {
    return [arg.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [arg.slice(0, eq), raw];
  }
}

/** The API's case service over the CLI's own connections, so a case started here passes the same checks. */
export function cliCaseService(db: Db, temporal: TemporalAccess) {
  const caseRows = createCaseRepository(db);
  return createCaseService({
    temporal,
    processes: createProcessRepository(db),
    caseWrites: createCaseWrites(db),
    customers: { exists: (id) => caseRows.customerExists(id) },
    roles: createUserRepository(db),
    caseEvents: createCaseEventStore(db),
  });
}

export const start: Command = async (args, config) => {
  const { values, positionals } = parseCommand(
    'start',
    args,
    {
      'business-key': { type: 'string' },
      title: { type: 'string' },
      customer: { type: 'string' },
      version: { type: 'string' },
      user: { type: 'string', default: 'admin' },
      var: { type: 'string', multiple: true, default: [] },
    },
    { min: 1, max: 1, names: '<processKey>' },
  );
  const processKey = positionals[0]!;
  const version = positiveInt('start', 'version', values.version);
  const variables = Object.fromEntries(values.var.map(parseVariable));
  const cfg = config();
  return withDatabase(cfg, (db) =>
    withTemporal(cfg, async (temporal) => {
      const user = await loadUser(db, values.user);
      const processes = createProcessRepository(db);
      const cases = cliCaseService(db, temporal);
      // The API requires a title; on the command line the process name is a fair default.
      const title = values.title ?? (await processes.get(processKey, version))?.name ?? processKey;
      const started = await cases.start(user, {
        processKey,
        title,
        variables,
        ...(version === undefined ? {} : { version }),
        ...(values['business-key'] === undefined ? {} : { businessKey: values['business-key'] }),
        ...(values.customer === undefined ? {} : { customerId: values.customer }),
      });
      // Only the id, so scripts can capture it: id=$(npx shouwen start …)
      print(started.id);
      return EXIT.ok;
    }),
  );
};
