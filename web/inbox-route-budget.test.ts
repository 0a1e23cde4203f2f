import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The JavaScript the sign-in → inbox route loads before it can show rows: the page's entries and
// every chunk they import statically (index.html's module preloads), as the API sends them (the
// build's .gz files). Bench B5 measures the same from Chromium's network log; this catches a
// regression without a browser. Issue 19's target was 400 kB; the budget holds what was reached so it
// can only go down: 459 → 423 kB, then 376.4 kB (no data router, the route's modules in one chunk
// rather than ≈ 45, the case history's and user admin's modules out), with ≈ 2 kB to spare; 379 since
// the refusal words for the request's own fields (处理结论, 意见, 业务编号 …: a bulk refusal names them);
// 379.5 since the inbox's rows are drawn with plain elements (PlainTag, the row checkbox's range logic:
// 379.17 kB — a little more code, ≈ 80 ms less to draw 50 rows at sign-in, bench B5); 380 since the
// refusals' words for refinements (problem.zod.custom.<reason>) and the zip-bomb refusal joined the
// shared problem catalog and the due-day field became a lazy day picker (379.69 kB, 4 Dec).
const BUDGET_KB = 380;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

const root = new URL('..', import.meta.url).pathname;
let outDir = '';
let manifest: Record<string, ManifestChunk> = {};

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'shouwen-inbox-budget-'));
  // A child process: the production build needs NODE_ENV=production (vitest sets it to `test`, which would bundle React's development build).
  // Hidden source maps (no comment in the scripts: the same bytes) name the modules in each chunk.
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--manifest', '--sourcemap', 'hidden', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}, 300_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function initialChunks(): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
}

const sentBytes = (file: string) => {
  const gz = join(outDir, `${file}.gz`);
  return existsSync(gz) ? statSync(gz).size : statSync(join(outDir, file)).size;
};

describe('the inbox route’s first JavaScript', () => {
  it(`stays within ${BUDGET_KB} kB as sent (gzip)`, () => {
    const files = initialChunks();
    const kB = files.reduce((sum, f) => sum + sentBytes(f), 0) / 1000;
    expect(files.length).toBeGreaterThan(1);
    expect(kB, `${files.length} chunks: ${files.join(', ')}`).toBeLessThanOrEqual(BUDGET_KB);
  });

  it('is what index.html asks for: the entries and their module preloads', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const asked = new Set([...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]));
    expect([...asked].sort()).toEqual(initialChunks().sort());
  });

  it('leaves the editors, form-js, charts, English and the rest of zh-CN out', () => {
    // The route's modules share one chunk (vite.config.ts): its source map names them (Rolldown's runtime has none).
    const sourcesOf = (file: string) => (existsSync(join(outDir, `${file}.map`)) ? (JSON.parse(readFileSync(join(outDir, `${file}.map`), 'utf8')) as { sources: string[] }).sources : []);
    const sources = initialChunks().flatMap(sourcesOf);
    expect(sources.some((s) => s.endsWith('pages/Inbox/InboxPage.tsx'))).toBe(true);
    for (const heavy of ['ProcessEditorPage', 'FormJsController', 'ReportChart', 'DecisionEditor', 'messages.en', 'i18n/messages.ts', 'SaveViewDialog', 'LoginPage']) {
      expect(sources.filter((s) => s.includes(heavy)), heavy).toEqual([]);
    }
    // A zh-CN string no inbox screen shows (档案销毁方式 焚毁) is in the build, but not in the first chunks.
    const code = (files: string[]) => files.map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n');
    const all = Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'));
    expect(code(all)).toContain('焚毁');
    expect(code(initialChunks())).not.toContain('焚毁');
  });
});
