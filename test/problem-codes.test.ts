import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../web/src/api/http';
import { messages } from '../web/src/i18n/allMessages';
import { loadAllZh } from '../web/src/i18n/catalog';
import { interpolate } from '../web/src/i18n/interpolate';
import type { MessageKey } from '../web/src/i18n/messages';
import { describeError, describeModelProblem, fieldMessage } from '../web/src/lib/problems';
import { localizeModelProblems, localizeProblem } from '../server/http/problem-language';
import { modelProblemLine, modelProblemText } from '../contract/model-problem-text';
import { modelProblemKey } from '../contract/model-problem-words';

const root = new URL('..', import.meta.url).pathname;

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')).map((e) => join(e.parentPath, e.name));
}

/** Every `code: 'x.y'` the API and the form checks write (the refusals the console must word). */
async function serverCodes(): Promise<string[]> {
  // server/doctor: `shouwen doctor`'s findings (case.missing, audit.chainBroken…) are the CLI's
  // own Chinese lines for an operator, never a problem the API sends.
  const files = [...(await sources('server')).filter((f) => !f.includes('/server/doctor/')), join(root, 'bpmn/form-data.ts')];
  const codes = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z]+\.[A-Za-z_.]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/add\('(\w+)'/g)) if (file.endsWith('form-data.ts')) codes.add(`form.${m[1]}`);
  }
  return [...codes].sort();
}

/** Every model problem `code` the BPMN and DMN compilers report. */
async function compilerCodes(): Promise<string[]> {
  const codes = new Set<string>();
  for (const file of await sources('bpmn')) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/'((?:bpmn|feel|loop|dmn)\.[A-Za-z_.]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('problem codes', () => {
  // Run first, before the rest of zh-CN is loaded: a refusal can reach the inbox, whose first bundle
  // has only its own strings (messages.inbox.ts), so every server code must be worded there.
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

  it('the API says every code it sends in Chinese by default and in English on request, from the same catalog', async () => {
    for (const code of await serverCodes()) {
      const zhBody = localizeProblem({ status: 400, title: 'Bad Request', detail: '«server detail»', code }, 'zh-CN');
      const field = localizeProblem({ status: 400, title: 'Bad Request', detail: '«server detail»', code: 'request.invalid', errors: [{ path: 'body.x', message: '«server detail»', code }] }, 'zh-CN');
      expect(zhBody.title, code).toBe('请求无效');
      expect(zhBody.detail.includes('«server detail»') && field.errors![0]!.message.includes('«server detail»'), code).toBe(false);
      expect(zhBody.detail + field.errors![0]!.message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(localizeProblem({ status: 400, title: 'Bad Request', detail: '«server detail»', code }, 'en').detail).toBe('«server detail»');
    }
  });

  it('a field problem written without a code of its own is worded by its problem’s code, never left in English', () => {
    const body = localizeProblem({ status: 400, title: 'Bad Request', detail: '«server detail»', code: 'message.ttlTooLong', params: { hours: 720 }, errors: [{ path: 'body.timeToLive', message: 'at most 720 hours' }] }, 'zh-CN');
    expect(body.errors![0]!.message).toBe(body.detail);
    expect(body.errors![0]!.message).toMatch(/720/);
    expect(body.errors![0]!.message).not.toMatch(/hours/);
    // English keeps the server's own words.
    expect(localizeProblem({ status: 400, title: 'Bad Request', detail: 'd', code: 'message.ttlTooLong', params: { hours: 720 }, errors: [{ path: 'body.timeToLive', message: 'at most 720 hours' }] }, 'en').errors![0]!.message).toBe('at most 720 hours');
  });

  it('every problem the BPMN compiler reports has a code worded in both languages, its parameters in words too', async () => {
    // Worded only on the editors' pages (lazyPage), which render once every zh-CN string has loaded.
    await loadAllZh();
    const codes = new Set(await compilerCodes());
    expect(codes.size).toBeGreaterThan(70);
    const params = { expr: 'x >', where: 'input mapping to "y"', place: 'inputMapping', target: 'y', trigger: 'signal', hostType: 'scriptTask', sourceType: 'userTask', value: 'P1Y', count: 2 };
    for (const code of [...codes].filter((c) => c !== 'loop.noWaitState')) {
      const problem = { elementId: 'Task_1', elementType: 'userTask', message: '«compiler message»', code, params };
      const zhText = describeModelProblem(problem, (key, vars) => interpolate(messages['zh-CN'][key], vars));
      const enText = describeModelProblem(problem, (key, vars) => interpolate(messages.en[key], vars));
      expect(zhText, code).not.toContain('«compiler message»');
      expect(enText, code).not.toContain('«compiler message»');
      expect(zhText, code).toMatch(/[\u4e00-\u9fff]/);
      // Codes passed as parameters are worded, not shown: no element type, trigger or place in English.
      expect(zhText, code).not.toMatch(/scriptTask|userTask|signal|inputMapping|input mapping/);
    }
  });

  it('the API and the CLI word every compiler problem as the editor does in Chinese, after the element\'s name, and keep the compiler\'s English on request', async () => {
    await loadAllZh();
    const params = { expr: 'x >', where: 'input mapping to "y"', place: 'inputMapping', target: 'y', trigger: 'signal', hostType: 'scriptTask', sourceType: 'userTask', targetType: 'endEvent', taskType: 'send-fax', value: 'P1Y', count: 2 };
    const zhT = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages['zh-CN'][key], vars);
    for (const code of await compilerCodes()) {
      const problem = { elementId: 'Task_1', elementType: 'userTask', elementName: '客服经理审批', message: '«compiler message»', code, params, ...(code === 'loop.noWaitState' && { elementIds: ['Task_1', 'g'] }) };
      const editor = describeModelProblem(problem, zhT);
      // A refusal's errors[] (a deploy, a play), a check's problems and warnings, a CLI line: the editor's words after the element's name, never its id.
      const line = `「客服经理审批」：${editor}`;
      const refused = localizeProblem({ status: 422, title: 'Unprocessable Content', detail: '«server detail»', code: 'process.invalid', params: { count: 1 }, errors: [{ path: 'body.xml#Task_1', ...problem }] }, 'zh-CN');
      expect(refused.errors![0], code).toEqual({ path: 'body.xml#Task_1', ...problem, message: line });
      expect(modelProblemText(problem, 'zh-CN'), code).toBe(editor);
      expect(modelProblemLine(problem, 'zh-CN'), code).toBe(line);
      expect(localizeModelProblems([problem], 'zh-CN'), code).toEqual([{ ...problem, message: line }]);
      expect(editor, code).toMatch(/[\u4e00-\u9fff]/);
      if (code !== 'loop.noWaitState') expect(line, code).not.toContain('Task_1');
      // A service task's job type is said as written, not taken for an element type.
      if (/\{taskType\}/.test(messages['zh-CN'][modelProblemKey(code) as MessageKey] ?? '')) expect(editor, code).toContain('“send-fax”');
      // English: the compiler's own message, as before, after the element's name.
      expect(localizeProblem({ status: 422, title: 'Unprocessable Content', detail: '«server detail»', code: 'process.invalid', errors: [{ path: 'body.xml#Task_1', ...problem }] }, 'en').errors![0]!.message).toBe('“客服经理审批”: «compiler message»');
      expect(modelProblemText(problem, 'en')).toBe('«compiler message»');
      expect(localizeModelProblems([problem], 'en')).toEqual([{ ...problem, message: '“客服经理审批”: «compiler message»' }]);
    }
    // An element without a name is named by its kind, never by its id; a problem of the whole file by nothing.
    const unnamed = { elementId: 'Task_1', elementType: 'userTask', message: '«compiler message»', code: 'bpmn.node.noOutgoing' };
    expect(modelProblemLine(unnamed, 'zh-CN')).toBe('未命名的人工任务：此人工任务没有离开的连线：流转到这里会卡住。');
    expect(modelProblemLine(unnamed, 'en')).toBe('Unnamed user task: «compiler message»');
    expect(modelProblemLine({ elementId: '', elementType: 'definitions', message: '«compiler message»', code: 'bpmn.xml.noProcess' }, 'zh-CN')).toBe('文件中没有流程。');
    // A field problem that is not the compiler's keeps its own wording.
    expect(localizeProblem({ status: 400, title: 'Bad Request', detail: 'x', code: 'request.invalid', errors: [{ path: 'body.changeNote', message: 'required', code: 'zod.invalid_type', params: { expected: 'string' } }] }, 'zh-CN').errors![0]!.message).toBe('应为文本');
  });

  it('a refusal names each field by its label or in words, never by the request path', () => {
    const refused = localizeProblem(
      {
        status: 422,
        title: 'Unprocessable Content',
        detail: 'x',
        code: 'form.invalid',
        params: { count: 3 },
        errors: [
          { path: 'body.data.phone', message: '联系电话 (phone) is required', code: 'form.required', params: { label: '联系电话' } },
          { path: 'body.comment', message: 'needed', code: 'task.rejectionNeedsComment' },
          { path: 'body.data.extra', message: 'Too big', code: 'zod.too_big', params: { origin: 'string', maximum: 10 } },
        ],
      },
      'zh-CN',
    );
    expect(refused.detail).toBe('表单有 3 处需要修改（“联系电话”为必填项；意见：驳回时请填写意见。；表单字段（extra）：最多 10 个字符）');
    expect(refused.detail).not.toMatch(/data\.|comment/);
    const start = localizeProblem({ status: 400, title: 'Bad Request', detail: 'x', code: 'request.invalid', errors: [{ path: 'body.customerId', message: 'Too small', code: 'zod.too_small', params: { origin: 'string', minimum: 1 } }] }, 'zh-CN');
    expect(start.detail).toContain('客户：至少 1 个字符');
  });
});
