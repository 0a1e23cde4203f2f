import { readdir, readFile, stat } from 'node:fs/promises';
import { MAX_DIAGRAM_CHARS } from '../../contract/processes';
import { join } from 'node:path';
import type { FormSchema } from '../../bpmn/form-data';
import { CliError, EXIT } from './context';
import { say } from './lang';

function unreadable(what: string, err: unknown): CliError {
  const code = (err as { code?: string }).code;
  const reason =
    code === 'ENOENT' ? say('没有这个文件或目录', 'no such file or directory') : code === 'EISDIR' ? say('是目录', 'is a directory') : code === 'ENOTDIR' ? say('不是目录', 'not a directory') : (err as Error).message;
  return new CliError(`${what}${say('：', ': ')}${reason}`, EXIT.usage);
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** A BPMN file, refused by its size before it is read: a huge one would take minutes and gigabytes to parse. */
export async function readDiagram(file: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw unreadable(file, err);
  }
  // UTF-8 takes at most four bytes per character: a file larger than that cannot be within the
  // limit, and is refused unread; one that might be is read and counted.
  const max = MAX_DIAGRAM_CHARS.toLocaleString('en');
  const limit = say(`与 API 一样，最多 ${max} 个字符`, `at most ${max} characters, as the API accepts`);
  const mb = (size / 1_000_000).toFixed(1);
  if (size > 4 * MAX_DIAGRAM_CHARS) throw new CliError(say(`${file}：${mb} MB，流程图过大（${limit}）`, `${file}: ${mb} MB is too large for a diagram (${limit})`), EXIT.usage);
  const text = await readText(file);
  const chars = text.length.toLocaleString('en');
  if (text.length > MAX_DIAGRAM_CHARS) throw new CliError(say(`${file}：${chars} 个字符，流程图过长（${limit}）`, `${file}: ${chars} characters are too many for a diagram (${limit})`), EXIT.usage);
  return text;
}

/** The *.form files (form-js JSON) of a directory, by their "id" or else their file name. */
export async function readForms(dir: string): Promise<Record<string, FormSchema>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.form')).sort();
  } catch (err) {
    throw unreadable(dir, err);
  }
  const forms: Record<string, FormSchema> = {};
  for (const name of names) {
    const file = join(dir, name);
    let form: FormSchema & { id?: unknown };
    try {
      form = JSON.parse(await readText(file)) as FormSchema & { id?: unknown };
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(say(`${file}：不是有效的 JSON（${(err as Error).message}）`, `${file}: not valid JSON (${(err as Error).message})`), EXIT.usage);
    }
    forms[typeof form.id === 'string' && form.id ? form.id : name.replace(/\.form$/, '')] = form;
  }
  return forms;
}
