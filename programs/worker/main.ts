import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { consoleBaseUrl, databaseTimeouts, loadConfig, temporalAddress } from '../../server/config';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { ensureSearchAttributes } from '../../server/temporal/search-attributes';
import { createEmailDispatcher } from '../../server/notifications/email-dispatcher';
import { createChatDispatcher } from '../../server/notifications/chat-dispatcher';
import { parseWebhookHosts } from '../../server/notifications/webhook-url';
import { createSandboxWorker, createShouwenWorker } from './create-worker';
import { retry } from '../../server/util/retry';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../server/temporal/workflow-bundle';

// `npm run start:worker`: one stateless worker; run as many as the load needs.
const config = loadConfig();
const sdkLevel = ({ fatal: 'ERROR', error: 'ERROR', warn: 'WARN', info: 'INFO', debug: 'DEBUG', trace: 'TRACE', silent: 'ERROR' } as const)[config.LOG_LEVEL];
Runtime.install({ logger: new DefaultLogger(sdkLevel) });
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL is required for start:worker (npm start sets it for you).\n');
  process.exit(2);
}
const address = temporalAddress(config);
const db = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, databaseTimeouts(config));
await retry('PostgreSQL', () => migrate(db));
const connection = await retry(`Temporal at ${address}`, () => NativeConnection.connect({ address }));
const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE).catch((err) => {
  process.stderr.write(`could not check search attributes: ${(err as Error).message}\n`);
  return [];
});
if (added.length) process.stdout.write(`registered search attributes: ${added.join(', ')}\n`);
// One bundle for both workers below (each bundled its own before: ≈ 1.7 s more at every start).
const { code: workflowCode } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: Runtime.instance().logger });
const workerDeps = {
  connection,
  workflowCode,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  db,
  ...(config.WORKER_MAX_CACHED_WORKFLOWS !== undefined ? { maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS } : {}),
  ...(config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS !== undefined ? { maxConcurrentWorkflowTasks: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS } : {}),
};
const worker = await createShouwenWorker(workerDeps);
// 试运行 of drafts from the 流程 editor: their own queue, activities that write nothing.
const sandbox = await createSandboxWorker(workerDeps);
process.stdout.write(`worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${address}\n`);
// The outbox's e-mail delivery runs beside the workers (any number of them share it).
const mailer = config.SMTP_URL ? createEmailDispatcher({ db, smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, log: (m) => process.stderr.write(`${m}\n`) }) : undefined;
mailer?.start();
if (mailer) process.stdout.write('e-mail delivery of notifications is on\n');
// Team-chat webhooks: only units an admin gave one have anything queued.
const chat = createChatDispatcher({ db, publicUrl: consoleBaseUrl(config), allowedHosts: parseWebhookHosts(config.CHAT_WEBHOOK_HOSTS), log: (m) => process.stderr.write(`${m}\n`) });
chat.start();
// The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves once it has.
await Promise.all([worker.run(), sandbox.run()]);
await mailer?.stop();
await chat.stop();
await connection.close();
await db.end();
