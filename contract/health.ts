import { z } from 'zod';

// GET /api/health: 200 when everything is up, 503 naming what is down.

const dependencyStateSchema = z.enum(['up', 'down']);
export const healthySchema = z.object({ status: z.literal('ok'), temporal: dependencyStateSchema, worker: dependencyStateSchema, database: dependencyStateSchema });
export const degradedSchema = z.object({ status: z.literal('degraded'), temporal: dependencyStateSchema, worker: dependencyStateSchema, database: dependencyStateSchema });
