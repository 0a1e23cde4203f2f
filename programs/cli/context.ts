import type { Config } from '../../server/config';
import { temporalAddress } from '../../server/config';
import { createPool, type Db } from '../../db/pool';
import { credentialsFile, embeddedUrl, readCredentials } from '../../db/pglite-credentials';
import { createUserRepository, type SessionUser } from '../../db/users';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { say } from './lang';

/** A failure the user can act on: its message is printed as is and the process exits with exitCode. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

export const usageError = (message: string) => new CliError(`${message}\n${say('运行 `shouwen help` 查看用法。', 'Run `shouwen help` for usage.')}`, EXIT.usage);

/** DATABASE_URL, or the embedded PostgreSQL that `npm start` serves, with the credentials it keeps in the data folder. */
export async function databaseUrl(config: Config): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  // No file yet (never started): the connection is refused anyway and the hint says to run `npm start`.
  const credentials = (await readCredentials(credentialsFile(config.SHOUWEN_DATA_DIR))) ?? { user: 'shouwen', password: '' };
  return embeddedUrl(credentials, config.SHOUWEN_PGLITE_PORT);
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.host}${u.pathname}`;
  } catch {
    return say('（无法解析的 DATABASE_URL）', '(unparsable DATABASE_URL)');
  }
}

/** Opens a pool and proves the Shouwen schema answers, so later failures are not connection noise. */
async function openDatabase(config: Config): Promise<Db> {
  const url = await databaseUrl(config);
  const db = createPool(url, 2);
  try {
    await db.query('SELECT 1 FROM app_user LIMIT 1');
    return db;
  } catch (err) {
    await db.end().catch(() => undefined);
    const where = redacted(url);
    if ((err as { code?: string }).code === '42P01') {
      throw new CliError(say(`${where} 上的 PostgreSQL 没有首问的数据表。请先运行一次 \`npm start\`：它会迁移数据库。`, `PostgreSQL at ${where} has no Shouwen tables. Run \`npm start\` once: it migrates the database.`), EXIT.unreachable);
    }
    const hint = config.DATABASE_URL
      ? say('请检查 DATABASE_URL，或取消设置以使用 `npm start` 内嵌的数据库。', 'Check DATABASE_URL, or unset it to use the embedded database of `npm start`.')
      : say(`请用 \`npm start\` 启动首问（它在端口 ${config.SHOUWEN_PGLITE_PORT} 提供内嵌数据库），或设置 DATABASE_URL。`, `Start Shouwen with \`npm start\` (it serves the embedded database on port ${config.SHOUWEN_PGLITE_PORT}), or set DATABASE_URL.`);
    const reason = (err as Error).message || String(err);
    throw new CliError(say(`无法连接 ${where} 上的 PostgreSQL（${reason}）。${hint}`, `PostgreSQL at ${where} is not reachable (${reason}). ${hint}`), EXIT.unreachable);
  }
}

async function openTemporal(config: Config): Promise<TemporalAccess> {
  const address = temporalAddress(config);
  const temporal = createTemporalAccess({ address, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, jobTaskQueue: config.JOB_TASK_QUEUE, jobWorkerWaitSeconds: config.JOB_WORKER_WAIT_SECONDS });
  if (await temporal.isHealthy()) return temporal;
  await temporal.close().catch(() => undefined);
  throw new CliError(
    say(`无法连接 ${address} 上的 Temporal。请用 \`npm start\` 启动首问（它会运行 Temporal 开发服务器），或设置 TEMPORAL_ADDRESS。`, `Temporal is not reachable at ${address}. Start Shouwen with \`npm start\` (it runs a Temporal dev server), or set TEMPORAL_ADDRESS.`),
    EXIT.unreachable,
  );
}

export async function withDatabase<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

export async function withTemporal<T>(config: Config, fn: (temporal: TemporalAccess) => Promise<T>): Promise<T> {
  const temporal = await openTemporal(config);
  try {
    return await fn(temporal);
  } finally {
    await temporal.close();
  }
}

/** The user a command acts as, shaped like a signed-in session so the services apply the same checks. */
export async function loadUser(db: Db, username: string): Promise<SessionUser> {
  const user = await createUserRepository(db).findByUsername(username);
  if (!user) throw new CliError(say(`没有用户“${username}”。`, `No user "${username}".`), EXIT.usage);
  if (user.disabled) throw new CliError(say(`用户“${username}”（${user.displayName}）已停用。`, `User "${username}" is disabled.`), EXIT.usage);
  const { passwordHash: _p, disabled: _d, ...sessionUser } = user;
  return sessionUser;
}
