import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

interface SdkDownloadOptions {
  version: string;
  targetDir: string;
  log: (line: string) => void;
}

/**
 * Last resort on machines with internet: let @temporalio/testing download its CLI build
 * into our cache folder, stop the server it starts, and hand back the binary it left there.
 */
export async function downloadWithSdk({ version, targetDir, log }: SdkDownloadOptions): Promise<string> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir: targetDir, version } },
  });
  await env.teardown();
  const found = await findBinary(targetDir);
  if (!found) throw new Error(`the SDK download left no temporal binary in ${targetDir}`);
  log(`downloaded ${found}`);
  return found;
}

async function findBinary(dir: string): Promise<string | undefined> {
  for (const entry of await readdir(dir)) {
    const full = join(dir, entry);
    const s = await stat(full);
    if (s.isDirectory()) {
      const inner = await findBinary(full);
      if (inner) return inner;
    } else if (/^temporal(-cli)?[^/]*$/.test(entry) && !entry.endsWith('.tar.gz') && !entry.endsWith('.zip') && s.mode & 0o111) {
      return full;
    }
  }
  return undefined;
}
