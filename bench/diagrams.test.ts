import { describe, expect, it } from 'vitest';
import { generatedDiagram } from './diagrams';

describe('generatedDiagram', () => {
  it.each([100, 1000, 5000])('has about %i flow elements, each with diagram interchange', (n) => {
    const xml = generatedDiagram(n);
    const nodes = (xml.match(/<bpmn:(startEvent|task|endEvent) /g) ?? []).length;
    const flows = (xml.match(/<bpmn:sequenceFlow /g) ?? []).length;
    expect(nodes + flows).toBeGreaterThanOrEqual(n);
    expect(nodes + flows).toBeLessThanOrEqual(n + 1);
    expect((xml.match(/<bpmndi:BPMNShape /g) ?? []).length).toBe(nodes);
    expect((xml.match(/<bpmndi:BPMNEdge /g) ?? []).length).toBe(flows);
  });
  it('chains start → tasks → end', () => {
    const xml = generatedDiagram(5);
    expect(xml).toContain('<bpmn:startEvent id="n0"/>');
    expect(xml).toContain('<bpmn:sequenceFlow id="f2" sourceRef="n1" targetRef="n2"/>');
    expect(xml).toContain('<bpmn:endEvent id="n2"/>');
  });
});
