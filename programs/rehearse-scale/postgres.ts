import { chmod, chown, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { run, waitUntil } from './processes';

// A throwaway PostgreSQL cluster in the run's folder, as .ci/run makes one: Debian's binaries,
// initdb with trust on 127.0.0.1 only, fsync off (a rehearsal, not a durability test). As root
// the server runs as the `postgres` user, which initdb requires.

export interface Cluster {
  adminUrl: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function findPgBin(): Promise<string | undefined> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : undefined;
}

export async function startCluster(dir: string, port: number): Promise<Cluster> {
  const bin = await findPgBin();
  if (!bin) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql/*/bin: install Debian\'s postgresql package, or set DATABASE_URL to an admin connection.');
  await mkdir(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = { stdout: await run('id', ['-u', 'postgres']) };
    const uid = Number(stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).trim());
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
  }
  const asPg = (cmd: string, args: string[]) => (asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a}'`).join(' ')]) : run(cmd, args));
  const data = join(dir, 'data');
  await asPg(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const start = () => asPg(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ready = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.end();
    return true;
  };
  await waitUntil('PostgreSQL', ready);
  return {
    adminUrl,
    port,
    async restart() {
      // fast: the server ends every connection, as a failover or a restart by an operator would.
      await asPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
      await start();
      await waitUntil('PostgreSQL after restart', ready);
    },
    async stop() {
      await asPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']).catch(() => undefined);
    },
  };
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
