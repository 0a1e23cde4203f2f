import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDiagram } from '../../bpmn/check-diagram';
import { SERVICE_TASK_TYPES } from '../../bpmn/service-task-types';
import { loadShippedForms } from '../services/shipped-processes';
import { createCompilePool } from './compile-pool';

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
