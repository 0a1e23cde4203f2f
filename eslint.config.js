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
              group: ['**/server/**', '**/activities/**', '**/web/**'],
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
);
