import { createRecordRepository, type RecordRepository } from '../db/records';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { createProcessRepository, type ProcessRepository } from '../db/processes';
import { processRoutes } from './routes/processes';
import { migrationRoutes } from './routes/migrations';
import { processDraftRoutes } from './routes/process-drafts';
import { decisionRoutes } from './routes/decisions';
import { createDecisionRepository, type DecisionRepository } from '../db/decisions';
import { createDecisionService, type DecisionService } from './services/decision-service';
import { eventRoutes } from './routes/events';
import { notificationRoutes } from './routes/notifications';
import { userRoutes } from './routes/users';
import { searchRoutes } from './routes/search';
import { customerRoutes } from './routes/customers';
import { archiveRoutes } from './routes/archives';
import { calendarRoutes } from './routes/calendar';
import { viewRoutes } from './routes/views';
import { reportRoutes } from './routes/reports';
import { createReportService, type ReportService } from './services/report-service';
import { createReportSnapshotService, type ReportSnapshotService } from './services/report-snapshot-service';
import { createReportSnapshotRepository } from '../db/report-snapshots';
import { createReportRepository } from '../db/reports';
import { dashboardRoutes } from './routes/dashboard';
import { processAnalyticsRoutes } from './routes/process-analytics';
import { createDashboardService, type DashboardService } from './services/dashboard-service';
import { createDashboardRepository } from '../db/dashboard';
import { createSavedViewRepository } from '../db/saved-views';
import { createViewService, type ViewService } from './services/view-service';
import { orgUnitRoutes, userAdminRoutes } from './routes/user-admin';
import { unitWebhookRoutes } from './routes/unit-webhooks';
import { createUnitWebhookRepository } from '../db/unit-webhooks';
import { createUnitWebhookService, type UnitWebhookService } from './services/unit-webhook-service';
import { DEFAULT_WEBHOOK_HOSTS } from './notifications/webhook-url';
import { createUserAdminRepository } from '../db/user-admin';
import { createUserAdminService, type UserAdminService } from './services/user-admin-service';
import { createCalendarRepository } from '../db/calendar';
import { createCalendarService, type CalendarService } from './services/calendar-service';
import { createCustomerRepository, type CustomerRepository } from '../db/customers';
import { createCustomerService, type CustomerService } from './services/customer-service';
import { createPurchaseService, type PurchaseService } from './services/purchase-service';
import { createImportService, type ImportService } from './services/master-data-import';
import { createFollowUpStarter } from './services/follow-up-start';
import { masterDataRoutes } from './routes/master-data';
import { createNotificationRepository, type NotificationRepository } from '../db/notifications';
import { createCaseEventStore } from '../db/case-events';
import { createCaseService, type CaseService } from './services/case-service';
import { createProcessService, type ProcessService } from './services/process-service';
import { createMigrationService, type MigrationService } from './services/migration-service';
import { createScheduleService, type ScheduleService } from './services/schedule-service';
import { createProcessScheduleRepository } from '../db/process-schedules';
import { scheduleRoutes } from './routes/schedules';
import { createTaskService, type TaskService } from './services/task-service';
import { createReplayService, type ReplayService } from './audit/replay-service';
import { csrfGuard } from './auth/csrf-guard';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { responseSerializerCompiler } from './http/response-serializer';
import { sessionPlugin } from './auth/session-plugin';
import type { Db } from '../db/pool';
import { registerInputGuard } from './http/input-guard';
import { idempotencyPlugin } from './http/idempotency';
import { createIdempotencyRepository } from '../db/idempotency';
import { registerSecurityHeaders } from './http/security-headers';
import { clientErrorProblem, frameworkProblem, registerProblemHandling } from './http/problem';
import { problemNamer } from './http/problem-names';
import { enableLinearRegExpFallback } from './util/linear-regexp';
import { createCaseRepository, createCaseWrites, type CaseRepository } from '../db/cases';
import { createTaskRepository, type TaskRepository } from '../db/tasks';
import { createUserRepository, displayNames, type UserRepository } from '../db/users';
import { caseRoutes } from './routes/cases';
import { messageRoutes } from './routes/messages';
import { claimHolderGone, createMessageRepository } from '../db/messages';
import { createMessageService, type MessageService, type MessageTtl } from './services/message-service';
import { incidentRoutes } from './routes/incidents';
import { createIncidentRepository, type IncidentRepository } from '../db/incidents';
import { healthRoutes } from './routes/health';
import { playRoutes } from './routes/play';
import { sessionRoutes } from './routes/session';
import { taskRoutes } from './routes/tasks';
import type { TemporalAccess } from './temporal/client';
import { createCompilePool, type CompilePool, type CompilePoolOptions } from './compile/compile-pool';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    temporal: TemporalAccess;
    /** Where validate and deploy compile: worker threads, never this event loop. */
    compiler: CompilePool;
    repos: { users: UserRepository; tasks: TaskRepository; cases: CaseRepository; processes: ProcessRepository; notifications: NotificationRepository; customers: CustomerRepository; records: RecordRepository; incidents: IncidentRepository; decisions: DecisionRepository };
    services: { processes: ProcessService; cases: CaseService; tasks: TaskService; replay: ReplayService; migrations: MigrationService; calendar: CalendarService; userAdmin: UserAdminService; decisions: DecisionService; views: ViewService; unitWebhooks: UnitWebhookService; reports: ReportService; reportSnapshots: ReportSnapshotService; schedules: ScheduleService; messages: MessageService; customers: CustomerService; purchases: PurchaseService; imports: ImportService; dashboard: DashboardService };
  }
}

export interface AppDeps {
  db: Db;
  temporal: TemporalAccess;
  sessionTtlHours?: number;
  secureCookie?: boolean;
  /** Built console to serve; omitted or missing → API only. */
  webDist?: string;
  logger?: boolean | { level: string };
  /** Under `npm start`: the launcher's status file, read by /api/health. */
  launcherStatusFile?: string;
  /** How long task actions wait for the case's workflow (default 30 s); tests shorten it. */
  updateTimeoutMs?: number;
  /** How long a request repeating one still in progress (same Idempotency-Key) waits for it before 409 (default 10 s). */
  idempotencyWaitMs?: number;
  /** Compile threads, queue bound, time and memory limits (config COMPILE_*); tests shorten them. */
  compile?: Partial<CompilePoolOptions>;
  /** Hosts a team-chat webhook may name (config CHAT_WEBHOOK_HOSTS); default the public robots. */
  webhookHosts?: string[];
  /** How long a published message nobody takes is kept (config MESSAGE_TTL, MESSAGE_TTL_MAX). */
  messageTtl?: MessageTtl;
  /** How often a live stream (/api/events) pings and checks its session (default 15 s); tests shorten it. */
  liveHeartbeatMs?: number;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  enableLinearRegExpFallback();
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // Case ids carry the process key and incident ids the case id: past Fastify's default of 100
    // characters a real id was refused before its route's own (zod) limits could answer.
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: frameworkProblem,
    clientErrorHandler: clientErrorProblem,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  registerProblemHandling(app, { namer: () => problemNamer(deps.db) });
  registerInputGuard(app);

  app.decorate('db', deps.db);
  app.decorate('temporal', deps.temporal);
  app.decorate('compiler', createCompilePool(deps.compile));
  app.addHook('onClose', () => app.compiler.close());
  app.addHook('onClose', () => app.services.replay.close());
  app.decorate('repos', {
    users: createUserRepository(deps.db),
    tasks: createTaskRepository(deps.db),
    cases: createCaseRepository(deps.db),
    processes: createProcessRepository(deps.db),
    notifications: createNotificationRepository(deps.db),
    customers: createCustomerRepository(deps.db),
    records: createRecordRepository(deps.db),
    incidents: createIncidentRepository(deps.db),
    decisions: createDecisionRepository(deps.db),
  });
  const reportRepo = createReportRepository(deps.db);
  const reports = createReportService(reportRepo);
  app.decorate('services', {
    processes: createProcessService(app.repos.processes, app.compiler.check, () => app.repos.decisions.decisionIds()),
    decisions: createDecisionService(app.repos.decisions),
    schedules: createScheduleService({ temporal: deps.temporal, processes: app.repos.processes, schedules: createProcessScheduleRepository(deps.db), names: (ids) => displayNames(deps.db, ids) }),
    cases: createCaseService({
      temporal: deps.temporal,
      processes: app.repos.processes,
      caseWrites: createCaseWrites(deps.db),
      customers: { exists: (id) => app.repos.cases.customerExists(id) },
      roles: app.repos.users,
      caseEvents: createCaseEventStore(deps.db),
    }),
    replay: createReplayService(deps.temporal, deps.db),
    migrations: createMigrationService({ temporal: deps.temporal, processes: app.repos.processes, cases: app.repos.cases }),
    get messages(): MessageService {
      return messages;
    },
    calendar: createCalendarService(createCalendarRepository(deps.db)),
    userAdmin: createUserAdminService(deps.db, createUserAdminRepository(deps.db)),
    views: createViewService(createSavedViewRepository(deps.db)),
    reports,
    reportSnapshots: createReportSnapshotService(deps.db, createReportSnapshotRepository(deps.db), reportRepo),
    dashboard: createDashboardService(createDashboardRepository(deps.db), reports, reportRepo.unitNames),
    customers: createCustomerService(deps.db, () => app.repos.tasks.unitPaths()),
    // Filled in below: both start follow-up cases through the case service.
    purchases: undefined as unknown as PurchaseService,
    imports: undefined as unknown as ImportService,
    unitWebhooks: createUnitWebhookService(createUnitWebhookRepository(deps.db), deps.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS),
    tasks: createTaskService({
      temporal: deps.temporal,
      tasks: app.repos.tasks,
      users: app.repos.users,
      cases: app.repos.cases,
      processes: app.repos.processes,
      ...(deps.updateTimeoutMs !== undefined ? { updateTimeoutMs: deps.updateTimeoutMs } : {}),
    }),
  });

  const messages = createMessageService({
    messages: createMessageRepository(deps.db),
    cases: app.repos.cases,
    processes: app.repos.processes,
    caseService: app.services.cases,
    roles: app.repos.users,
    ...(deps.messageTtl ? { ttl: deps.messageTtl } : {}),
    log: app.log,
    claimHolderGone: claimHolderGone(deps.temporal.client),
  });
  const startFollowUp = createFollowUpStarter(app.services.cases);
  app.services.purchases = createPurchaseService(deps.db, () => app.repos.tasks.unitPaths(), startFollowUp);
  app.services.imports = createImportService(deps.db, () => app.repos.tasks.unitPaths(), startFollowUp);

  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Shouwen 首问 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await registerSecurityHeaders(app, { https: deps.secureCookie ?? false });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(csrfGuard);
  await app.register(fastifyCookie);
  await app.register(sessionPlugin);
  await app.register(idempotencyPlugin, { repo: createIdempotencyRepository(deps.db), ...(deps.idempotencyWaitMs !== undefined ? { waitMs: deps.idempotencyWaitMs } : {}) });

  await app.register(healthRoutes, { launcherStatusFile: deps.launcherStatusFile });
  await app.register(sessionRoutes, { ttlHours: deps.sessionTtlHours ?? 12, secureCookie: deps.secureCookie ?? false });
  await app.register(caseRoutes);
  await app.register(incidentRoutes);
  await app.register(taskRoutes);
  await app.register(processRoutes);
  await app.register(migrationRoutes);
  await app.register(processDraftRoutes);
  await app.register(playRoutes);
  await app.register(scheduleRoutes);
  await app.register(decisionRoutes);
  await app.register(notificationRoutes);
  await app.register(eventRoutes, deps.liveHeartbeatMs === undefined ? {} : { heartbeatMs: deps.liveHeartbeatMs });
  await app.register(userRoutes);
  await app.register(customerRoutes);
  await app.register(archiveRoutes);
  await app.register(searchRoutes);
  await app.register(masterDataRoutes);
  await app.register(calendarRoutes);
  await app.register(orgUnitRoutes);
  await app.register(userAdminRoutes);
  await app.register(viewRoutes);
  await app.register(reportRoutes);
  await app.register(dashboardRoutes);
  await app.register(processAnalyticsRoutes);
  await app.register(unitWebhookRoutes);
  await app.register(messageRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (deps.webDist && existsSync(resolve(deps.webDist, 'index.html'))) {
    const root = resolve(deps.webDist);
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // The build writes a .gz beside each script and style sheet (web/vite.config.ts): sent to browsers that accept it.
      preCompressed: true,
      // Hashed chunk names never change content; index.html must be revalidated to find the new ones.
      setHeaders: (res, path) => res.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    // Client-side routes (/tasks, /cases/…) get the console. Unknown /api paths stay 404 problems, and so
    // do unknown /assets files: a tab still running the previous build must see its chunk is gone (and
    // reload, see web/src/main.tsx), not receive index.html as JavaScript.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', root);
    });
  }
  return app;
}
