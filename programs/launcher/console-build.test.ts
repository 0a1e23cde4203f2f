import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleBuildReason, stampConsoleBuild } from './console-build';

describe('whether npm start builds the console', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = () => {
    const root = mkdtempSync(join(tmpdir(), 'shouwen-console-'));
    dirs.push(root);
    mkdirSync(join(root, 'web/src/pages'), { recursive: true });
    writeFileSync(join(root, 'web/src/pages/Inbox.tsx'), 'export const Inbox = 1;');
    writeFileSync(join(root, 'web/index.html'), '<div id="root"></div>');
    return { root, dist: join(root, 'web/dist'), sources: ['web/src', 'web/index.html'] };
  };
  const build = (p: ReturnType<typeof project>) => {
    mkdirSync(p.dist, { recursive: true });
    writeFileSync(join(p.dist, 'index.html'), 'built');
    stampConsoleBuild(p.root, p.dist, p.sources);
  };

  it('builds when there is no build', () => {
    const p = project();
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBe('missing');
  });

  it('serves a build made from the same sources as is', () => {
    const p = project();
    build(p);
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBeNull();
  });

  it('rebuilds when a source changed, was added or removed since the build', () => {
    const p = project();
    build(p);
    writeFileSync(join(p.root, 'web/src/pages/Inbox.tsx'), 'export const Inbox = 2;');
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBe('stale');
    build(p);
    writeFileSync(join(p.root, 'web/src/pages/New.tsx'), 'export {};');
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBe('stale');
    build(p);
    rmSync(join(p.root, 'web/src/pages/New.tsx'));
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBe('stale');
  });

  it('rebuilds a build that carries no record of its sources (made before the record existed)', () => {
    const p = project();
    mkdirSync(p.dist, { recursive: true });
    writeFileSync(join(p.dist, 'index.html'), 'built');
    expect(consoleBuildReason(p.root, p.dist, p.sources)).toBe('stale');
  });
});
