import { join } from 'node:path';
import { credentialsFile, loadOrCreateCredentials } from '../../db/pglite-credentials';
import { startEmbeddedPostgres } from '../../db/pglite-server';
import { loadConfig } from '../../server/config';

// The embedded PostgreSQL of `npm start`, as its own process so the launcher can restart it
// (same port, same data folder) when it dies, like any other child.
const config = loadConfig();
const dataDir = config.SHOUWEN_DATA_DIR;
// The launcher waits as long as it hears from this process: a first start creates the database folder.
process.stdout.write(`embedded PostgreSQL starting (data in ${join(dataDir, 'pglite')}) …\n`);
const server = await startEmbeddedPostgres({
  dataDir: join(dataDir, 'pglite'),
  port: config.SHOUWEN_PGLITE_PORT,
  credentials: await loadOrCreateCredentials(credentialsFile(dataDir)),
});
// A PGlite that threw (rather than answering with an error) serves nobody: exit so that the
// launcher starts it again on the same data.
void server.failed.then(() => process.exit(1));
// The launcher waits for this line (programs/launcher/main.ts).
process.stdout.write(`embedded PostgreSQL ready on 127.0.0.1:${server.port}\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
