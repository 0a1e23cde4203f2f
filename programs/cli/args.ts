import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';

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
    if (unknown) throw usageError(`${command}: unknown option ${unknown}.`);
    if (code.startsWith('ERR_PARSE_ARGS')) throw usageError(`${command}: ${(err as Error).message}`);
    throw err;
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw usageError(`${command}: missing ${positionals.names}.`);
  if (n > positionals.max) throw usageError(`${command}: unexpected argument "${parsed.positionals[positionals.max]}".`);
  return parsed;
}

export function positiveInt(command: string, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw usageError(`${command}: --${option} must be a positive whole number, not "${value}".`);
  return Number(value);
}
