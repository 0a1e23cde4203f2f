import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

// `npm start`'s launcher writes the state of the processes it supervises into a file in the data
// folder; the API it starts reads it for /api/health, so health can say "the worker gave up after
// 8 crashes" at once instead of only noticing, up to 90 s later, that nobody polls.

export const childStateSchema = z.enum(['starting', 'running', 'restarting', 'gave-up', 'stopped']);

const childStatusSchema = z.object({
  state: childStateSchema,
  /** Times (ms since epoch) of the crashes within the restart policy's window. */
  crashes: z.array(z.number()),
  /** "exit code 1", "signal SIGKILL", … of the last unexpected exit. */
  lastExit: z.string().optional(),
});

export const launcherStatusSchema = z.object({ updatedAt: z.number(), children: z.record(z.string(), childStatusSchema) });

export type LauncherStatus = z.infer<typeof launcherStatusSchema>;
export type ChildStatus = z.infer<typeof childStatusSchema>;

export async function writeLauncherStatus(file: string, status: LauncherStatus): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(status), { mode: 0o600 });
  await rename(tmp, file);
}

/** Undefined when the file is missing or unreadable: health then relies on its own checks. */
export async function readLauncherStatus(file: string): Promise<LauncherStatus | undefined> {
  try {
    const parsed = launcherStatusSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
