// A compact way to write executable BPMN in tests: the compiler ignores DI, so fixtures
// here carry only the process semantics. Diagrams as Camunda Modeler writes them live in
// bpmn/fixtures/camunda/ and are run by their own test.

const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
  'xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"',
].join(' ');

let counter = 0;
/** A unique process key per call, so test files never share versions. */
export const uniqueKey = (name: string) => `t-${name}-${Date.now().toString(36)}${(counter++).toString(36)}`;

export const bpmnXml = (processId: string, body: string, errors = '', messages = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NAMESPACES} id="defs" targetNamespace="http://shouwen.dev/test">${errors}${messages}<bpmn:process id="${processId}" name="${processId}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;

export const flow = (id: string, from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

/** A user task offered to a role; extra attributes (shouwen:…) and extension XML as needed. */
export const userTask = (id: string, opts: { group?: string; assignee?: string; attrs?: string; ext?: string; inner?: string } = {}) =>
  `<bpmn:userTask id="${id}" name="${id}" ${opts.attrs ?? ''}><bpmn:extensionElements><zeebe:assignmentDefinition ${
    opts.assignee ? `assignee="${opts.assignee}"` : `candidateGroups="${opts.group ?? 'cs_manager'}"`
  }/>${opts.ext ?? ''}</bpmn:extensionElements>${opts.inner ?? ''}</bpmn:userTask>`;

export const timerDuration = (iso: string) => `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${iso}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
