#!/usr/bin/env node
// Runs the TypeScript CLI with tsx, as `npm start` runs the server: no build step. Paths are
// resolved from this file, so it works from any directory and through node_modules/.bin links.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../programs/cli/main.ts', import.meta.url));
// tsx resolved from here, not from the caller's working directory.
const tsx = import.meta.resolve('tsx');

const child = spawn(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });

// Ctrl-C reaches the child too (same process group); wait for it to finish instead of dying first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);

child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1)));
child.on('error', (err) => {
  process.stderr.write(`shouwen: could not start node: ${err.message}\n`);
  process.exit(1);
});
