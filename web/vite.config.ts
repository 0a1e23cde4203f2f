import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { libraryWords } from './libraryWordsPlugin';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `src/boot.ts` is a second entry, loaded by its own `<script async>` ahead of the console: it asks
 * for the session and the inbox's first rows while the console's JavaScript still loads and parses
 * (a second module script in index.html would be folded into the main entry and wait for all of it).
 */
function bootFirst(): Plugin {
  return {
    name: 'shouwen-boot-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (!boot) return html;
        // Its own imports (the request helpers it shares with the console) are announced with it, before the console's.
        const imports = boot.type === 'chunk' ? boot.imports : [];
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' },
          ...imports.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head-prepend' as const })),
        ];
      },
    },
  };
}

/**
 * Each script, style sheet and the page also as `.gz` (level 9), which the API serves to browsers that
 * accept gzip (@fastify/static `preCompressed`): ≈ 3.4× less to send, compressed once at build time.
 */
function precompress(): Plugin {
  return {
    name: 'shouwen-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const path = join(outDir, file);
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

/**
 * The modules the inbox route loads before it can show rows (every module index.html's entry imports
 * statically, Rolldown's `$initial`) in one chunk rather than the ≈ 45 shared chunks automatic
 * splitting made of them (one per set of lazy pages sharing a module): gzip then compresses them
 * together (≈ 20 kB less to send, and no import/export glue between them), and they are all loaded
 * anyway. boot.ts and what it imports stay apart: boot runs first, without waiting for the console.
 * Lazy pages import what they share with the inbox from this chunk, already loaded.
 */
function inboxRouteChunk(): { plugin: Plugin; group: { name: string; tags: ['$initial']; test: (id: string) => boolean } } {
  const boot = new Set<string>();
  const plugin: Plugin = {
    name: 'shouwen-inbox-route-chunk',
    apply: 'build',
    buildStart() {
      boot.clear();
    },
    // The module graph is complete here, before Rolldown forms chunks (and asks the group's `test`).
    buildEnd() {
      const visit = (id: string) => {
        if (boot.has(id)) return;
        boot.add(id);
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) visit(next);
      };
      visit(join(root, 'src/boot.ts'));
    },
  };
  return { plugin, group: { name: 'inbox-route', tags: ['$initial'], test: (id) => !boot.has(id) } };
}
const inboxRoute = inboxRouteChunk();

export default defineConfig({
  root,
  plugins: [libraryWords(), react(), bootFirst(), precompress(), inboxRoute.plugin],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: join(root, 'index.html'), boot: join(root, 'src/boot.ts') },
      // Not with the group's dependencies: those boot.ts shares stay in boot's chunk (no cycle: what boot imports imports nothing of the console).
      output: { codeSplitting: { groups: [inboxRoute.group], includeDependenciesRecursively: false } },
      // antd's rc-component packages declare no `sideEffects`, so a module reached through one of their
      // index files stayed in the bundle though nothing used it (all of rc-form and async-validator
      // came with antd's Input). They have none at import time: let the unused ones go.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
