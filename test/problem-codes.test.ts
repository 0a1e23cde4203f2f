import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../web/src/api/http';
import { messages } from '../web/src/i18n/allMessages';
import { interpolate } from '../web/src/i18n/interpolate';
import type { MessageKey } from '../web/src/i18n/messages';
import { describeError, fieldMessage } from '../web/src/lib/problems';

const root = new URL('..', import.meta.url).pathname;

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')).map((e) => join(e.parentPath, e.name));
}

/** Every `code: 'x.y'` the API and the form checks write (the refusals the console must word). */
async function serverCodes(): Promise<string[]> {
  const files = [...(await sources('server')), join(root, 'bpmn/form-data.ts')];
  const codes = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z]+\.[A-Za-z_.]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/add\('(\w+)'/g)) if (file.endsWith('form-data.ts')) codes.add(`form.${m[1]}`);
  }
  return [...codes].sort();
}

describe('problem codes', () => {
  it('every code the server sends has words in both languages, none of them the English detail', async () => {
    const codes = await serverCodes();
    expect(codes.length).toBeGreaterThan(40);
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars);
      for (const code of codes) {
        const worded = describeError(new ApiError(400, { detail: '«server detail»', code }), t);
        const field = fieldMessage({ path: 'body.x', message: '«server detail»', code }, t);
        expect(worded.includes('«server detail»') && field.includes('«server detail»'), `${lang} ${code}`).toBe(false);
        if (lang === 'zh-CN') expect(worded + field, code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
