import type { IoMapping, ProcessElement } from '../../../bpmn/model';
import type { Interpreter } from '../interpreter';

// zeebe:ioMapping for service tasks and call activities. Without mappings, every case
// variable goes in and every result variable comes back.

export function mapInputs(engine: Interpreter, elementId: string, inputs: IoMapping[]): Record<string, unknown> {
  if (inputs.length === 0) return { ...engine.vars };
  return Object.fromEntries(inputs.map((m) => [m.target, engine.feel(elementId, m.source)]));
}

export function applyOutputs(engine: Interpreter, elementId: string, outputs: IoMapping[], result: Record<string, unknown>): void {
  if (outputs.length === 0) {
    Object.assign(engine.vars, result);
    return;
  }
  for (const m of outputs) engine.vars[m.target] = engine.feel(elementId, m.source, result);
}

/** A none start event's output mappings, over the start variables (Camunda allows no inputs there). */
export function applyStartOutputs(engine: Interpreter, el: ProcessElement & { type: 'startEvent' }): void {
  for (const m of el.outputs ?? []) engine.vars[m.target] = engine.feel(el.id, m.source);
}
