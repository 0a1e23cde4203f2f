export { compileBpmn, hashProcessModel, type CompileOptions, type CompileResult } from './compile';
export { feelSyntaxError } from './feel-syntax';
export * from './model';
export { parseIsoDateTime, parseIsoDuration } from './duration';
