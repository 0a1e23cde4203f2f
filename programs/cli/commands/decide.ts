import { compileDmn } from '../../../bpmn/dmn/compile';
import { DecisionEvaluationError, evaluateDecision } from '../../../bpmn/dmn/evaluate';
import { parseCommand } from '../args';
import { CliError, EXIT } from '../context';
import { cliLang, say } from '../lang';
import { problemTranslator } from '../../../contract/problem-text';
import { wordProblem } from '../../../contract/problem-words';
import { readDiagram } from '../files';
import { print, printError, problemLines } from '../output';
import type { Command } from './types';

/**
 * Offline: evaluates one decision of a DMN file against the given input and prints the result
 * with the rules that matched (JSON), so a process owner can try a table before deploying it.
 */
export const decide: Command = async (args) => {
  const { values, positionals } = parseCommand('decide', args, { decision: { type: 'string' }, input: { type: 'string' } }, { min: 1, max: 1, names: '<file.dmn>' });
  const file = positionals[0]!;
  let input: unknown = {};
  if (values.input !== undefined) {
    try {
      input = JSON.parse(values.input);
    } catch (err) {
      throw new CliError(say(`--input 不是有效的 JSON：${(err as Error).message}`, `--input is not JSON: ${(err as Error).message}`), EXIT.usage);
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new CliError(say('--input 须为变量的 JSON 对象，例如 {"score": 85}', '--input must be a JSON object of variables, e.g. {"score": 85}'), EXIT.usage);
  const compiled = await compileDmn(await readDiagram(file));
  if (!compiled.ok) {
    print(problemLines(file, compiled.problems));
    return EXIT.failed;
  }
  const ids = Object.keys(compiled.model.decisions);
  const decisionId = values.decision ?? (ids.length === 1 ? ids[0]! : undefined);
  if (decisionId === undefined) throw new CliError(say(`${file} 有 ${ids.length} 个决策，请用 --decision 选择一个（${ids.join('、')}）`, `${file} has ${ids.length} decisions; choose one with --decision (${ids.join(', ')})`), EXIT.usage);
  if (!ids.includes(decisionId)) throw new CliError(say(`${file} 中没有决策“${decisionId}”（有：${ids.join('、')}）`, `${file} has no decision "${decisionId}" (it has ${ids.join(', ')})`), EXIT.usage);
  try {
    const outcome = evaluateDecision(compiled.model, decisionId, input as Record<string, unknown>);
    print(JSON.stringify(outcome, null, 2));
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof DecisionEvaluationError)) throw err;
    // Worded by its code from the shared catalog, as the API words POST /api/decisions/:key/evaluate.
    const text = cliLang() === 'en' ? err.message : (wordProblem(err.code, err.params, problemTranslator(cliLang())) ?? err.message);
    // The words name the decision by its name; its id is not repeated before them.
    printError(`${file}${say('：', ': ')}${text}`);
    return EXIT.failed;
  }
};
