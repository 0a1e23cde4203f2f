import { resolveTemporalServer, TemporalServerNotFoundError } from './resolve-temporal-server';

// `npm run temporal:server` — finds (building with Go if needed, progress on stderr) the Temporal
// server, its sql tool and the schema folder, and prints their paths on stdout, one a line.
try {
  const { binaries } = await resolveTemporalServer({ build: true });
  process.stdout.write(`${binaries.server}\n${binaries.sql}\n${binaries.schemaDir}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof TemporalServerNotFoundError ? err.message : String(err)}\n`);
  process.exit(1);
}
