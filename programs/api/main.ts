import { buildApp } from '../../server/app';
import { compilePoolOptions, databaseTimeouts, loadConfig, temporalAddress } from '../../server/config';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { retry } from '../../server/util/retry';
import { parseWebhookHosts } from '../../server/notifications/webhook-url';

// `npm run start:api`: the stateless HTTP API (and the built console); run several behind a proxy.
const config = loadConfig();
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL is required for start:api (npm start sets it for you).\n');
  process.exit(2);
}
const db = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, databaseTimeouts(config));
await retry('PostgreSQL', () => migrate(db));
const temporal = createTemporalAccess({ address: temporalAddress(config), namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, jobTaskQueue: config.JOB_TASK_QUEUE, jobWorkerWaitSeconds: config.JOB_WORKER_WAIT_SECONDS });
const app = await buildApp({
  db,
  temporal,
  sessionTtlHours: config.SESSION_TTL_HOURS,
  secureCookie: config.COOKIE_SECURE,
  webDist: config.SHOUWEN_WEB_DIST,
  launcherStatusFile: config.SHOUWEN_LAUNCHER_STATUS,
  compile: compilePoolOptions(config),
  webhookHosts: parseWebhookHosts(config.CHAT_WEBHOOK_HOSTS),
  messageTtl: { defaultMs: Math.min(config.MESSAGE_TTL, config.MESSAGE_TTL_MAX), maxMs: config.MESSAGE_TTL_MAX },
  logger: { level: config.LOG_LEVEL },
});

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing`);
  await app.close();
  await temporal.close();
  await db.end();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

/**
 * Timer start events' schedules follow the latest versions: this catches up on deployments made
 * while Temporal was away (the launcher's deployment of the shipped diagrams, the CLI, a deploy
 * whose sync failed). Idempotent; retried every 30 s until it succeeds once.
 */
async function syncSchedules(): Promise<void> {
  while (!closing) {
    try {
      await app.services.schedules.syncAll();
      return;
    } catch (err) {
      app.log.warn({ err }, 'schedules not synced yet; retrying in 30 s');
      await new Promise((r) => setTimeout(r, 30_000).unref());
    }
  }
}

try {
  await app.listen({ port: config.PORT, host: config.HOST });
  void syncSchedules();
  // The workflow bundle and replay worker, built in the background: the first 重放验证 does not wait for them.
  void app.services.replay.warm();
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(`Port ${config.PORT} is already in use. Stop what uses it or set PORT=<another port>.\n`);
    process.exit(3);
  }
  throw err;
}
