import { z } from 'zod';

// GET /api/health: 200 when everything is up, 503 naming what is down.

const dependencyStateSchema = z.enum(['up', 'down']);

/**
 * Under `npm start` only: what the launcher knows of the processes it supervises. A child it gave
 * up on (too many crashes) stays down until someone fixes it and starts again.
 */
const supervisedSchema = z
  .record(
    z.string(),
    z.object({
      state: z.enum(['starting', 'running', 'restarting', 'gave-up', 'stopped']),
      /** Crashes within the restart policy's window (15 minutes). */
      recentCrashes: z.number().int(),
      lastExit: z.string().optional(),
    }),
  )
  .optional();

const bodyShape = { temporal: dependencyStateSchema, worker: dependencyStateSchema, database: dependencyStateSchema, processes: supervisedSchema };
export const healthySchema = z.object({ status: z.literal('ok'), ...bodyShape });
export const degradedSchema = z.object({ status: z.literal('degraded'), ...bodyShape });
