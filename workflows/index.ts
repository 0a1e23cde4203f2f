export { bpmnProcess } from './bpmn/process';
