export { bpmnProcess } from './bpmn/process';
export { benchBaseline } from './bench-baseline';
export { scheduledCaseStart } from './scheduled-start';
