import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDiagram } from '../../bpmn/check-diagram';
import { SERVICE_TASK_TYPES } from '../../bpmn/service-task-types';
import { loadShippedForms } from '../services/shipped-processes';
import { localizeProblem } from '../http/problem-language';
import { compilePoolDefaults, compileRefusal, createCompilePool } from './compile-pool';
import { WorkerPoolRefusal } from './worker-pool';

// Deploy's result must not depend on where it was compiled: what comes back from a thread (a
// structured clone) equals what the compiler gives in process, model, hash, problems and warnings.

const PROCESSES = fileURLToPath(new URL('../../bpmn/processes/', import.meta.url));

describe('compiling in a thread', () => {
  const pool = createCompilePool({ size: 1 });
  afterAll(() => pool.close());

  it('gives what compiling in process gives, for every shipped diagram and for diagrams with problems', async () => {
    const forms = await loadShippedForms();
    const options = { taskTypes: SERVICE_TASK_TYPES, formIds: Object.keys(forms), processKeys: ['repair'] };
    const files = (await readdir(PROCESSES)).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const xml = await readFile(`${PROCESSES}/${file}`, 'utf8');
      const inProcess = await checkDiagram(xml, options, forms);
      expect(inProcess.ok, file).toBe(true);
      expect(await pool.check(xml, options, forms), file).toEqual(inProcess);
      expect(await pool.check(xml), file).toEqual(await checkDiagram(xml));
    }
    const repair = await readFile(`${PROCESSES}/repair.bpmn`, 'utf8');
    const unknowns = { taskTypes: [], formIds: [], processKeys: [] };
    const refused = await pool.check(repair, unknowns, {});
    expect(refused.ok).toBe(false);
    expect(refused).toEqual(await checkDiagram(repair, unknowns, {}));
    expect(await pool.check('<not-bpmn')).toEqual(await checkDiagram('<not-bpmn'));
    // Each shipped diagram is compiled three times: the time grows with their number (6 took ≈ 8 s on a loaded 2-core box).
  }, 60_000);
});

describe('a compilation past its limits', () => {
  const o = { ...compilePoolDefaults(), timeoutMs: 1_000, maxMemoryMb: 24 };
  const body = (kind: 'timeout' | 'outOfMemory') => {
    const p = compileRefusal(new WorkerPoolRefusal(kind, kind), o);
    return { status: p.status, title: p.title, detail: p.detail, ...p.extra };
  };

  it('is refused in Chinese by default, its errors[] too, and in the server\'s English on request', () => {
    const timeout = localizeProblem(body('timeout'), 'zh-CN');
    expect(timeout.detail).toBe('流程图编译超过 1 秒的时限，已中止。通常是表达式过长或嵌套过深所致，请简化后再试。');
    expect(timeout.errors).toEqual([{ path: 'body.xml', code: 'compile.timeout', params: { seconds: 1 }, message: timeout.detail }]);
    const tooLarge = localizeProblem(body('outOfMemory'), 'zh-CN');
    expect(tooLarge.errors).toEqual([{ path: 'body.xml', code: 'compile.tooLarge', params: { megabytes: 24 }, message: '流程图编译所需内存超过 24 MB 的上限，已中止。流程图或其中的表达式过大。' }]);
    expect(localizeProblem(body('timeout'), 'en').errors![0]!.message).toMatch(/^Compiling the diagram took longer than the limit of 1 s/);
  });
});
