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
