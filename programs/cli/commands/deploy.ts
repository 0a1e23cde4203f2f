import { createDecisionRepository } from '../../../db/decisions';
import { createDecisionService } from '../../../server/services/decision-service';
import { createProcessRepository } from '../../../db/processes';
import { createProcessService } from '../../../server/services/process-service';
import { loadShippedForms } from '../../../server/services/shipped-processes';
import { parseCommand } from '../args';
import { EXIT, loadUser, withDatabase } from '../context';
import { readDiagram, readForms } from '../files';
import { print, problemLines, warningLines } from '../output';
import type { Command } from './types';

export const deploy: Command = async (args, config) => {
  const { values, positionals } = parseCommand(
    'deploy',
    args,
    { forms: { type: 'string' }, user: { type: 'string', default: 'admin' } },
    { min: 1, max: 1, names: '<file.bpmn|file.dmn>' },
  );
  const file = positionals[0]!;
  const xml = await readDiagram(file);
  if (file.toLowerCase().endsWith('.dmn')) {
    return withDatabase(config(), async (db) => {
      const user = await loadUser(db, values.user);
      const result = await createDecisionService(createDecisionRepository(db)).deploy(xml, user.id);
      if (!result.ok) {
        print(problemLines(file, result.problems));
        return EXIT.failed;
      }
      const { key, version } = result.decision;
      print(result.created ? `deployed decisions ${key} v${version}` : `unchanged decisions ${key} v${version} (identical content)`);
      return EXIT.ok;
    });
  }
  // Read before connecting, so a typo in a path fails fast and offline.
  const forms = { ...(await loadShippedForms()), ...(values.forms === undefined ? {} : await readForms(values.forms)) };
  return withDatabase(config(), async (db) => {
    const user = await loadUser(db, values.user);
    const decisions = createDecisionRepository(db);
    const result = await createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()).deploy(xml, forms, user.id);
    print(warningLines(file, result.warnings));
    if (!result.ok) {
      print(problemLines(file, result.problems));
      return EXIT.failed;
    }
    const { key, version } = result.process;
    print(result.created ? `deployed ${key} v${version}` : `unchanged ${key} v${version} (identical content)`);
    return EXIT.ok;
  });
};
