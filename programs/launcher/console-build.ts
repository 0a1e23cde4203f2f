import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The console is built by `npm start` when its build is missing or was made from other sources.
// Checking only that `web/dist` exists served an old console after a `git pull` until someone
// remembered `npm run build:web`. Content, not modification times: a checkout touches every file.

/** What the console's bundle is made of, relative to the project root (web/ imports these folders too). */
export const CONSOLE_SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'contract', 'bpmn', 'policy', 'package-lock.json'];

/** Written into the build folder after a build, holding the sources' fingerprint. */
export const STAMP_FILE = '.shouwen-sources';

function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => files(root, join(path, e.name)));
}

/** A fingerprint of the sources: each file's path and content, in a stable order. */
export function sourcesFingerprint(root: string, sources: readonly string[] = CONSOLE_SOURCES): string {
  const hash = createHash('sha256');
  for (const f of sources.flatMap((s) => files(root, s)).sort()) {
    hash.update(relative(root, join(root, f))).update('\0').update(readFileSync(join(root, f))).update('\0');
  }
  return hash.digest('hex');
}

/** Why the console must be built before it is served, or null when the build in `dist` is current. */
export function consoleBuildReason(root: string, dist: string, sources: readonly string[] = CONSOLE_SOURCES): 'missing' | 'stale' | null {
  if (!existsSync(join(dist, 'index.html'))) return 'missing';
  const stamp = join(dist, STAMP_FILE);
  if (!existsSync(stamp)) return 'stale';
  return readFileSync(stamp, 'utf8').trim() === sourcesFingerprint(root, sources) ? null : 'stale';
}

/** Records which sources the build in `dist` was made from. */
export function stampConsoleBuild(root: string, dist: string, sources: readonly string[] = CONSOLE_SOURCES): void {
  writeFileSync(join(dist, STAMP_FILE), `${sourcesFingerprint(root, sources)}\n`);
}

/** Builds the console into web/dist (vite, web/vite.config.ts) and records its sources. */
export async function buildConsole(root: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  stampConsoleBuild(root, join(root, 'web/dist'));
}
