import { resolveTemporalCli, TemporalCliNotFoundError } from './resolve-temporal-cli';

// `npm run temporal:cli` — resolves (building if needed) and prints the binary's path on stdout.
try {
  const cli = await resolveTemporalCli();
  process.stdout.write(`${cli.path}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof TemporalCliNotFoundError ? err.message : String(err)}\n`);
  process.exit(1);
}
