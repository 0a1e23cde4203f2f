import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root,
  plugins: [react(), bootFirst(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: join(root, 'index.html'), boot: join(root, 'src/boot.ts') },
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
