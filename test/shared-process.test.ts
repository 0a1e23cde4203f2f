import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine and integration projects run without isolation (vitest.config.ts): the files of one
// slot share a process and its module cache. A file that mocked a module, stubbed a global or an
// environment variable, or faked timers would change every file after it, so none may.

// test/e2e runs isolated today, but is held to the same rule so that it may share again.
const SHARED = ['test/engine', 'test/integration', 'test/security', 'test/e2e'];
const PROCESS_WIDE = /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|hoisted)\b|process\.env\.[A-Z_]+\s*=(?!=)|delete process\.env\b/;

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('files that share a test process', () => {
  it('mock no module and change no process-wide setting', () => {
    const offending = SHARED.flatMap(files).filter((f) => PROCESS_WIDE.test(readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the check finds what it looks for', () => {
    for (const line of ["vi.mock('../x')", 'vi.useFakeTimers()', "process.env.TZ = 'Asia/Shanghai'", 'delete process.env.DATABASE_URL']) expect(PROCESS_WIDE.test(line), line).toBe(true);
    for (const line of ['const env = { ...process.env }', "if (process.env.SHOUWEN_E2E_SCREENSHOTS === 'x')", 'delete env.DATABASE_URL']) expect(PROCESS_WIDE.test(line), line).toBe(false);
  });
});
