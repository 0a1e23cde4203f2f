import { describe, expect, it } from 'vitest';
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
});
