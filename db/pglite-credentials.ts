import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface PgCredentials {
  user: string;
  password: string;
}

/** Where `npm start` keeps the embedded database's credentials (read by the CLI as well). */
export const credentialsFile = (dataDir: string) => join(dataDir, 'pglite-credentials.json');

export const generateCredentials = (): PgCredentials => ({ user: 'shouwen', password: randomBytes(24).toString('base64url') });

/**
 * Reads the credentials, creating them on first start. The file is 0600 (and fixed back to 0600
 * if someone loosened it): whoever reads it can read every case.
 */
export async function loadOrCreateCredentials(file: string): Promise<PgCredentials> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PgCredentials>;
    if (typeof parsed.user !== 'string' || typeof parsed.password !== 'string' || !parsed.password) throw new Error(`${file} is not a credentials file`);
    await chmod(file, 0o600);
    return { user: parsed.user, password: parsed.password };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const created = generateCredentials();
  await mkdir(dirname(file), { recursive: true });
  // 'wx': two starts racing must not overwrite each other's password.
  await writeFile(file, `${JSON.stringify(created)}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') return;
    throw err;
  });
  return loadOrCreateCredentials(file);
}

export async function readCredentials(file: string): Promise<PgCredentials | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as PgCredentials;
    return typeof parsed.user === 'string' && typeof parsed.password === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function embeddedUrl(credentials: PgCredentials, port: number): string {
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres?sslmode=disable`;
}
