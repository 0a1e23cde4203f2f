// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Workflow code is replayed deterministically inside Temporal's sandbox: no Node
// built-ins, no database driver, no server code may leak into it.
const forbiddenInWorkflows = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  'pg',
  '@electric-sql/*',
  'fastify',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
];


// Layers (ARCHITECTURE.md, "Layers"): each folder may import only the layers below it. Programs
// (programs/) wire everything and may import anything; nothing imports a program.
const layer = (folders, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: extra.map((name) => ({ name, message: 'Not in this layer: see the layer rules in eslint.config.js.' })),
      patterns: folders.map((f) => ({
        group: [`**/${f}/**`, `**/${f}`],
        message: `This layer may not import ${f}/ (see the layer rules in eslint.config.js and ARCHITECTURE.md).`,
      })),
    },
  ],
});
const everywhereButPrograms = ['programs', 'web', 'bench', 'test'];
// Which role may do what is decided in policy/ only; anywhere else a role code compared by hand
// would be a second, drifting copy of a rule (demo data and tests name roles as data).
const roleTest = (side, other) => `BinaryExpression[operator=/^[!=]==?$/][${side}.property.name='role'][${other}.type='Literal']`;

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', '.shouwen-data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Update handlers read state that the main path assigns later; that is the Temporal idiom.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },

  // Pure business rules (working days, China time): no I/O, no other layer.
  { files: ['domain/**/*.ts'], rules: layer([...everywhereButPrograms, 'server', 'db', 'activities', 'workflows', 'bpmn'], ['pg', 'fastify', '@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/workflow']) },
  // The compiler and model: imported by workflows, so nothing of the server side.
  { files: ['bpmn/**/*.ts'], rules: layer([...everywhereButPrograms, 'server', 'db', 'activities', 'workflows', 'domain'], ['pg', 'fastify', '@temporalio/activity', '@temporalio/client', '@temporalio/worker']) },
  // The data layer: SQL per table, used by activities and the API alike.
  { files: ['db/**/*.ts'], rules: layer([...everywhereButPrograms, 'server', 'activities', 'workflows'], ['fastify', '@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/workflow']) },
  // Activities: side effects through the data layer (no SQL of their own: no pg); never the API.
  { files: ['activities/**/*.ts'], rules: layer([...everywhereButPrograms, 'server', 'workflows'], ['pg', 'fastify', '@temporalio/client', '@temporalio/worker', '@temporalio/workflow']) },
  // The API: routes and services over the data layer; workflows only for their message definitions; never an activity.
  { files: ['server/**/*.ts'], rules: layer([...everywhereButPrograms, 'activities'], ['@temporalio/activity', '@temporalio/workflow']) },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['policy/**', 'db/demo-data.ts', 'db/migrations/**', 'test/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[roleTest('left', 'right'), roleTest('right', 'left')].map((selector) => ({
          selector,
          message: 'Ask the permission policy (policy/roles.ts, policy/capabilities.ts) instead of testing a role code.',
        })),
      ],
    },
  },
  {
    // The policy is pure, so the API, the data layer, the worker and the console can all use it.
    files: ['policy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenInWorkflows.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'The policy is pure: no I/O, no server or database code.' })),
          patterns: [
            { group: ['@electric-sql/*', '@temporalio/*', 'fastify*'], message: 'The policy is pure: no I/O, no server or database code.' },
            { group: ['**/server/**', '**/db/**', '**/activities/**', '**/workflows/**', '**/web/**', '**/programs/**'], message: 'The policy may import bpmn/ model types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenInWorkflows.filter((m) => !m.includes('*')).map((name) => ({
            name,
            message: 'Workflow code must stay deterministic: do this in an activity.',
          })),
          patterns: [
            { group: ['@electric-sql/*'], message: 'No database access in workflow code.' },
            {
              group: ['**/server/**', '**/activities/**', '**/web/**', '**/db/**', '**/programs/**'],
              allowTypeImports: true,
              message: 'Workflows may import bpmn/ model types and workflows/ only (activity types via `import type`).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment or process access in workflow code.' },
        { name: 'require', message: 'Import at the top; no dynamic requires in workflow code.' },
      ],
    },
  },
  {
    // The contract is read by the server and the console alike: zod and the model's own zod
    // schemas (bpmn/model.ts and bpmn/dmn/model.ts, which import only zod) are all it may build on.
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\./|\\.\\./bpmn/(dmn/)?model$)',
              message: 'contract/ may import only zod, its own files and the model schemas (../bpmn/model, ../bpmn/dmn/model).',
            },
          ],
        },
      ],
    },
  },
  {
    // The console talks to the server over HTTP only; API shapes come from contract/.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server', '**/server/**', '**/activities', '**/activities/**', '**/workflows', '**/workflows/**', '**/db', '**/db/**'],
              message: 'The console may import API shapes from contract/ only, not server, activity, workflow or database code (types included).',
            },
            {
              // A value import would bundle zod and every schema into the console.
              regex: '(^|/)contract(/(?!user-rules$|input-limits$|report-words$|outcome-words$|customer-date-rules$|incident-reasons$|process-names$|task-sort$|problem-words$|problem-messages\\.zh$|problem-messages\\.en$|model-problem-words$|model-problem-messages\\.zh$|model-problem-messages\\.en$)[^/]+)?$',
              allowTypeImports: true,
              message: 'Import contract/ types with `import type`; plain values come from contract/user-rules, contract/input-limits, contract/report-words, contract/outcome-words, contract/customer-date-rules, contract/incident-reasons, contract/process-names, contract/task-sort and the problem words (contract/problem-words, contract/problem-messages.zh, contract/problem-messages.en, contract/model-problem-words, contract/model-problem-messages.zh, contract/model-problem-messages.en).',
            },
          ],
        },
      ],
    },
  },
);
