import { resolveTemporalTestServer, TestServerNotFoundError } from './resolve-temporal-test-server';

// `npm run temporal:test-server` — resolves (fetching with Maven if needed) and prints the wrapper's path on stdout.
try {
  const server = await resolveTemporalTestServer();
  process.stdout.write(`${server.path}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof TestServerNotFoundError ? err.message : String(err)}\n`);
  process.exit(1);
}
