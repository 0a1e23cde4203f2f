import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint configuration keeps workflow code deterministic and each layer to its own imports; prove it bites.
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

describe('lint rules for the layers', () => {
  const eslint = new ESLint();
  const refused = async (filePath: string, spec: string) => {
    const [result] = await eslint.lintText(`import * as m from '${spec}';\nexport const x = m;\n`, { filePath });
    return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
  };

  it('keeps the data layer free of the API, activities and programs', async () => {
    expect(await refused('db/example.ts', '../server/app')).toBe(true);
    expect(await refused('db/example.ts', '../activities/projection')).toBe(true);
    expect(await refused('db/example.ts', '../programs/launcher/main')).toBe(true);
    expect(await refused('db/example.ts', './pool')).toBe(false);
  });

  it('keeps activities off the API and the API off activities', async () => {
    expect(await refused('activities/example.ts', '../server/services/case-service')).toBe(true);
    expect(await refused('server/services/example.ts', '../../activities/projection')).toBe(true);
    expect(await refused('server/services/example.ts', '../../db/tasks')).toBe(false);
    expect(await refused('activities/example.ts', '../db/tasks')).toBe(false);
  });

  it('keeps the model and the pure rules free of everything above them', async () => {
    expect(await refused('bpmn/example.ts', '../db/pool')).toBe(true);
    expect(await refused('bpmn/example.ts', '../workflows/bpmn/interpreter')).toBe(true);
    expect(await refused('domain/example.ts', '../db/pool')).toBe(true);
    expect(await refused('domain/example.ts', 'pg')).toBe(true);
  });

  it('lets nothing import a program, and programs import anything', async () => {
    expect(await refused('server/app.ts', '../programs/worker/create-worker')).toBe(true);
    expect(await refused('activities/example.ts', '../programs/demo/seed')).toBe(true);
    expect(await refused('programs/example/main.ts', '../../activities/projection')).toBe(false);
  });
});
