// The API's shapes, shared by the server (validation, OpenAPI) and the console (types).
export * from './audit';
export * from './calendar';
export * from './case-records';
export * from './case-state';
export * from './cases';
export * from './customers';
export * from './forms';
export * from './headers';
export * from './incidents';
export * from './health';
export * from './notifications';
export * from './processes';
export * from './session';
export * from './task-detail';
export * from './tasks';
export * from './user-rules';
export * from './users';
