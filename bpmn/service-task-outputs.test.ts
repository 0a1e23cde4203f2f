import { describe, expect, it } from 'vitest';
import { SERVICE_TASK_TYPES } from './service-task-types';
import { SERVICE_OUTPUTS, SERVICE_TASK_OUTPUTS, undeclaredOutputs, type OutputSpec, type Words } from './service-task-outputs';

const CJK = /[\u4e00-\u9fff]/;
const specs = Object.entries(SERVICE_OUTPUTS as Record<string, OutputSpec>);

/** Every set of words a spec holds (its own, its codes', its fields'), with where it is. */
function* words(where: string, spec: OutputSpec): Generator<[string, Words]> {
  yield [where, spec];
  if ('options' in spec) for (const [code, w] of Object.entries(spec.options ?? {})) yield [`${where}=${code}`, w];
  if ('fields' in spec) for (const [name, field] of Object.entries(spec.fields)) yield* words(`${where}.${name}`, field);
}

describe('the catalog of service-task outputs', () => {
  it('has an entry for every shipped service-task type, and none for another', () => {
    expect(Object.keys(SERVICE_TASK_OUTPUTS).sort()).toEqual([...SERVICE_TASK_TYPES].sort());
    for (const type of SERVICE_TASK_TYPES) expect(SERVICE_TASK_OUTPUTS[type].length, type).toBeGreaterThan(0);
  });

  it('words every variable a type names, and names no variable no type writes', () => {
    const named = new Set(Object.values(SERVICE_TASK_OUTPUTS).flat());
    for (const name of named) expect(SERVICE_OUTPUTS, name).toHaveProperty(name);
    expect(Object.keys(SERVICE_OUTPUTS).filter((name) => !named.has(name as never))).toEqual([]);
  });

  it('says everything in Chinese and in English, codes and record fields included', () => {
    for (const [name, spec] of specs) {
      for (const [where, w] of words(name, spec)) {
        expect(w.zh, where).toMatch(CJK);
        expect(w.en.trim(), where).not.toBe('');
        expect(w.en, where).not.toMatch(CJK);
      }
    }
  });

  it('leads a record with one of its own fields', () => {
    for (const [name, spec] of specs) if ('lead' in spec && spec.lead) expect(spec.fields, name).toHaveProperty(spec.lead);
  });
});

describe('undeclaredOutputs', () => {
  it('names what a result holds beyond its type’s declaration, a record’s fields too', () => {
    expect(undeclaredOutputs('archive-inspect', { findings: [{ archiveId: 'DA-1', kind: 'expired', detail: 'x' }], findingsCount: 1 })).toEqual([]);
    expect(undeclaredOutputs('archive-inspect', { findings: [{ archiveId: 'DA-1', severity: 'high' }], archiveNo: 'DA-1', surprise: 1 })).toEqual(['findings.severity', 'archiveNo', 'surprise']);
    expect(undeclaredOutputs('analyse-sales', { salesSummary: { purchases: 1, margin: 0.2 } })).toEqual(['salesSummary.margin']);
  });
});
