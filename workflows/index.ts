export { bpmnProcess } from './bpmn/process';
export { benchBaseline } from './bench-baseline';
