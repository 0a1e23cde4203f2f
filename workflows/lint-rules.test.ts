import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint configuration is what keeps workflow code deterministic; prove it bites.
describe('lint rules for workflows/', () => {
  const eslint = new ESLint();
  const lint = async (code: string, filePath = 'workflows/example.ts') => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => m.ruleId);
  };

  it('bans Node built-ins, pg and server code', async () => {
    expect(await lint(`import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`)).toContain('no-restricted-imports');
    expect(await lint(`import fs from 'fs';\nexport const x = fs;\n`)).toContain('no-restricted-imports');
    expect(await lint(`import pg from 'pg';\nexport const x = pg;\n`)).toContain('no-restricted-imports');
    expect(await lint(`import { buildApp } from '../server/app';\nexport const x = buildApp;\n`)).toContain('no-restricted-imports');
    expect(await lint(`export const env = process.env.X;\n`)).toContain('no-restricted-globals');
  });

  it('allows activity types and the workflow SDK', async () => {
    expect(await lint(`import type { Activities } from '../activities';\nimport { sleep } from '@temporalio/workflow';\nexport type A = Activities;\nexport const s = sleep;\n`)).toEqual([]);
  });

  it('leaves other folders free to use Node', async () => {
    expect(await lint(`import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`, 'server/example.ts')).toEqual([]);
  });
});
