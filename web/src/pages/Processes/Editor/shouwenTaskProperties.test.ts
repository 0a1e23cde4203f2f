import { describe, expect, it, vi } from 'vitest';
import { ShouwenTaskPropertiesModule, shouwenTaskEntries } from './shouwenTaskProperties';

// The panel package pulls in bpmn-js, whose extensionless imports need the browser bundler; the
// provider only takes `useService` from it, called when an entry renders, not here.
vi.mock('bpmn-js-properties-panel', () => ({ useService: () => undefined }));

const element = (type: string) => ({ type, businessObject: { $type: type, get: () => undefined } });

describe('首问任务设置 provider', () => {
  it('gives a user task its entries, a service task its type and other elements none', () => {
    expect(shouwenTaskEntries(element('bpmn:UserTask')).map((e) => e.id)).toEqual(['shouwen-assignee', 'shouwen-candidate-group', 'shouwen-candidate-scope', 'shouwen-candidate-department', 'shouwen-outcomes', 'shouwen-separation', 'shouwen-due-days']);
    expect(shouwenTaskEntries(element('bpmn:ServiceTask')).map((e) => e.id)).toEqual(['shouwen-service-type']);
    expect(shouwenTaskEntries(element('bpmn:ExclusiveGateway'))).toEqual([]);
  });

  it('registers with the panel and adds its group after the others for a user task only', () => {
    const registered: unknown[] = [];
    const Provider = ShouwenTaskPropertiesModule.shouwenTaskPropertiesProvider[1] as new (panel: { registerProvider(p: number, x: unknown): void }) => {
      getGroups(el: ReturnType<typeof element>): (groups: { id: string; label: string; entries: unknown[] }[]) => { id: string; label: string }[];
    };
    const provider = new Provider({ registerProvider: (_p, x) => registered.push(x) });
    expect(registered).toEqual([provider]);
    const existing = [{ id: 'general', label: '常规', entries: [] }];
    expect(provider.getGroups(element('bpmn:UserTask'))([...existing]).map((g) => [g.id, g.label])).toEqual([
      ['general', '常规'],
      ['shouwen-task', '首问任务设置'],
    ]);
    expect(provider.getGroups(element('bpmn:ExclusiveGateway'))([...existing]).map((g) => g.id)).toEqual(['general']);
  });
});
