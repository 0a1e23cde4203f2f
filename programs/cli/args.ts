import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';
import { say } from './lang';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs for one command, with its errors turned into usage errors (exit 2). */
export function parseCommand<O extends Options>(command: string, args: string[], options: O, positionals: { min: number; max: number; names: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = String((err as { code?: unknown }).code);
    // Node's own text for this one explains `--` escaping at length; the option name is what matters.
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec((err as Error).message)?.[1];
    if (unknown) throw usageError(say(`${command}：没有选项 ${unknown}。`, `${command}: unknown option ${unknown}.`));
    // Node's own wording (English) names the option; said as is.
    if (code.startsWith('ERR_PARSE_ARGS')) throw usageError(`${command}${say('：', ': ')}${(err as Error).message}`);
    throw err;
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw usageError(say(`${command}：缺少 ${positionals.names}。`, `${command}: missing ${positionals.names}.`));
  if (n > positionals.max) throw usageError(say(`${command}：多余的参数“${parsed.positionals[positionals.max]}”。`, `${command}: unexpected argument "${parsed.positionals[positionals.max]}".`));
  return parsed;
}

export function positiveInt(command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw usageError(say(`${command}：--${option} 须为正整数，而不是“${value}”。`, `${command}: --${option} must be a positive whole number, not "${value}".`));
  return Number(value);
}
