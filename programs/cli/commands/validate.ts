import { SERVICE_TASK_TYPES } from '../../../bpmn/service-task-types';
import { checkDiagram } from '../../../bpmn/check-diagram';
import { compileDmn } from '../../../bpmn/dmn/compile';
import { parseCommand } from '../args';
import { EXIT } from '../context';
import { say } from '../lang';
import { readDiagram, readForms } from '../files';
import { print, problemLines, warningLines } from '../output';
import type { Command } from './types';

/** Offline: no database and no Temporal, so called processes are not checked (they may not be deployed here). */
export const validate: Command = async (args) => {
  const { values, positionals } = parseCommand('validate', args, { forms: { type: 'string' } }, { min: 1, max: 1, names: '<file.bpmn|file.dmn>' });
  const file = positionals[0]!;
  const xml = await readDiagram(file);
  if (file.toLowerCase().endsWith('.dmn')) {
    const dmn = await compileDmn(xml);
    print(warningLines(file, dmn.warnings));
    if (!dmn.ok) {
      print(problemLines(file, dmn.problems));
      return EXIT.failed;
    }
    const n = Object.keys(dmn.model.decisions).length;
    print(say(`${file}：有效（${dmn.model.key}，${n} 个决策）`, `${file}: valid (${dmn.model.key}, ${n} decision${n === 1 ? '' : 's'})`));
    return EXIT.ok;
  }
  // Without --forms nothing says which forms exist, so form references are left unchecked. Checked as
  // deploy checks (bpmn/check-diagram.ts): the forms' patterns too, and the process's name.
  const forms = values.forms === undefined ? undefined : await readForms(values.forms);
  const result = await checkDiagram(xml, { taskTypes: SERVICE_TASK_TYPES, ...(forms ? { formIds: Object.keys(forms) } : {}) }, forms);
  print(warningLines(file, result.warnings));
  if (!result.ok) {
    print(problemLines(file, result.problems));
    return EXIT.failed;
  }
  const n = Object.keys(result.model.elements).length;
  const name = result.model.name ? `${result.model.name}，` : '';
  print(say(`${file}：有效（${name}${result.model.key}，${n} 个元素）`, `${file}: valid (${result.model.key}, ${n} elements)`));
  return EXIT.ok;
};
