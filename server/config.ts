import { resolve } from 'node:path';
import { z } from 'zod';
import { parseIsoDuration } from '../bpmn/duration';
import type { DbTimeouts } from '../db/pool';
import { DEFAULT_JOB_TASK_QUEUE, JOB_WORKER_WAIT_SECONDS } from '../bpmn/job-worker';
import type { CompilePoolOptions } from './compile/compile-pool';

const port = z.coerce.number().int().min(0).max(65535);
/** An ISO 8601 duration in milliseconds (PT1H → 3600000). */
const isoDuration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const ms = parseIsoDuration(v);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: `not an ISO 8601 duration: ${v}` });
      return ms ?? 0;
    });

/** Every environment variable Shouwen reads, in one place (README "Running at scale" lists them). */
const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A statement running longer is cancelled and the request answers 503 `db.timeout` instead of hanging; 0 = no limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Opening a connection (or waiting for a free one) longer than this fails the same way; 0 = no limit. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('shouwen'),
  /** Where service tasks of types Shouwen does not ship wait for a team's own job workers (bpmn/job-worker.ts). */
  JOB_TASK_QUEUE: z.string().min(1).default(DEFAULT_JOB_TASK_QUEUE),
  /** How long a job may wait for a worker to take it before it is an incident on its case. */
  JOB_WORKER_WAIT_SECONDS: z.coerce.number().int().min(1).default(JOB_WORKER_WAIT_SECONDS),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  SHOUWEN_DATA_DIR: z.string().default('.shouwen-data'),
  SHOUWEN_PGLITE_PORT: port.default(5433),
  SHOUWEN_SEED: z.enum(['demo', 'none']).default('demo'),
  SHOUWEN_WEB_DIST: z.string().default('web/dist'),
  /** Where browsers reach the console, e.g. https://shouwen.example.com; decides COOKIE_SECURE's default. */
  PUBLIC_URL: z.string().url().optional(),
  /** Unset (or empty, as compose passes it): derived from PUBLIC_URL / HOST by `cookieSecureDefault`. */
  COOKIE_SECURE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).optional()),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** e.g. smtps://user:pass@smtp.example.com:465 — without it notifications stay in the console's bell. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('首问 Shouwen <noreply@localhost>'),
  /**
   * Hosts a unit's team-chat webhook may point at, comma-separated (SSRF guard, see
   * server/notifications/webhook-url.ts). Default: the robots of 企业微信 and 钉钉.
   */
  CHAT_WEBHOOK_HOSTS: z.string().optional(),
  /**
   * Workflows a worker keeps in memory (Temporal's sticky cache). Unset: the SDK sizes it from the
   * machine's memory. The memory benchmark measured about 750 KiB per cached case, so this bounds
   * a worker's memory; an evicted case is replayed from its history on its next event.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /**
   * Workflow tasks a worker runs at once (default 16, programs/worker/create-worker.ts): more than a
   * worker can finish within Temporal's 10 s workflow-task timeout makes the server hand them out again.
   */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(10_000).optional(),
  /** Threads that compile diagrams for validate and deploy, off the API's event loop (default min(2, CPUs)). */
  COMPILE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Compilations that may wait while every thread is busy; one more is refused with 503 `compile.busy`. */
  COMPILE_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(8),
  /** One compilation's time limit; past it the thread is ended and the request gets 422 `compile.timeout`. */
  COMPILE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Heap of each compile thread; past it 422 `compile.tooLarge`. */
  COMPILE_MAX_MEMORY_MB: z.coerce.number().int().min(16).max(16_384).default(256),
  /** Set by `npm start` for the API it starts: the launcher's status file, which /api/health reads. */
  SHOUWEN_LAUNCHER_STATUS: z.string().optional(),
  /** How long a published message nothing started or took is kept (ISO 8601 duration); a request may ask less or more, up to MESSAGE_TTL_MAX. */
  MESSAGE_TTL: isoDuration('PT1H'),
  MESSAGE_TTL_MAX: isoDuration('P7D'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof configSchema>, 'COOKIE_SECURE'> & { COOKIE_SECURE: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  const cookieSecure = data.COOKIE_SECURE === undefined ? cookieSecureDefault(data.PUBLIC_URL, data.HOST) : data.COOKIE_SECURE === 'true';
  return { ...data, COOKIE_SECURE: cookieSecure, SHOUWEN_DATA_DIR: resolve(data.SHOUWEN_DATA_DIR) };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * A session cookie sent over plain HTTP beyond this machine can be read on the wire, so it is
 * Secure unless browsers reach the console on a loopback address (the public URL when given,
 * else the bind address: `npm start` binds 127.0.0.1, a container binds 0.0.0.0 and is exposed).
 */
export function cookieSecureDefault(publicUrl: string | undefined, host: string): boolean {
  const name = publicUrl ? new URL(publicUrl).hostname : host;
  return !(LOOPBACK.has(name.toLowerCase()) || name.endsWith('.localhost'));
}

export function databaseTimeouts(config: Config): DbTimeouts {
  return { statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS };
}

export function compilePoolOptions(config: Config): Partial<CompilePoolOptions> {
  return {
    ...(config.COMPILE_WORKERS !== undefined ? { size: config.COMPILE_WORKERS } : {}),
    queueLimit: config.COMPILE_QUEUE_LIMIT,
    timeoutMs: config.COMPILE_TIMEOUT_MS,
    maxMemoryMb: config.COMPILE_MAX_MEMORY_MB,
  };
}

/** Where links in messages (team chat) lead: PUBLIC_URL, else the API on this machine. */
export function consoleBaseUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}
