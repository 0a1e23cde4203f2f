import { describe, expect, it } from 'vitest';
import { MAX_STEPS_WITHOUT_WAIT } from '../workflows/bpmn/interpreter';
import { BENCH_TASK_TYPE, BENCH_XML, chainXml, compileBenchDiagram } from './b1-diagram';

describe('B1 diagrams', () => {
  it('run their service tasks on the bench worker, not as external jobs no worker takes', async () => {
    const model = await compileBenchDiagram(BENCH_XML);
    const services = Object.values(model.elements).filter((el) => el.type === 'serviceTask');
    expect(services.map((el) => el.id).sort()).toEqual(['a', 'b', 'c']);
    for (const el of services) {
      expect(el).toMatchObject({ taskType: BENCH_TASK_TYPE });
      expect(el).not.toHaveProperty('external');
    }
  });
  it('chain n script tasks between start and end', async () => {
    const model = await compileBenchDiagram(chainXml('bench-chain-3', 3));
    expect(Object.values(model.elements).filter((el) => el.type === 'scriptTask')).toHaveLength(3);
  });
  it('break a long chain with a service task before the engine takes it for a loop with no wait state', async () => {
    const model = await compileBenchDiagram(chainXml('bench-chain-1000', 1000));
    const els = Object.values(model.elements);
    expect(els.filter((el) => el.type === 'scriptTask').length + els.filter((el) => el.type === 'serviceTask').length).toBe(1000);
    // The longest run of elements a token passes without waiting, start and end included.
    let run = 0;
    let longest = 0;
    for (const id of ['s', ...Array.from({ length: 1000 }, (_, i) => `t${i}`), 'e']) {
      run = model.elements[id]!.type === 'serviceTask' ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(MAX_STEPS_WITHOUT_WAIT);
  });
});
