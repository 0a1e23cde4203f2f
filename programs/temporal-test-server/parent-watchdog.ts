import { chmod, writeFile } from 'node:fs/promises';

// The SDK starts the time-skipping test server as a child of the test process and kills it when
// the test environment is torn down. When the test process itself dies instead (vitest killed),
// nobody does: the JVM is adopted by PID 1 and idles at about half a core for ever. The wrapper
// below runs the server in its own place (exec, so the SDK's kill still reaches the JVM itself)
// after leaving behind a small watchdog that ends the server once the process that started it is
// gone, and ends itself once the server is gone.

/** Seconds between the watchdog's looks at the server's parent. */
export const WATCHDOG_INTERVAL_SECONDS = 1;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A /bin/sh script that starts `serverPath` with its arguments and ends it (TERM, KILL 5 s later)
 * when the process that started the script exits. POSIX sh and `ps` only.
 */
export function parentWatchdogScript(serverPath: string): string {
  return `#!/bin/sh
# Starts ${serverPath} and ends it when the process that started this script is gone
# (written by Shouwen's engine test setup; programs/temporal-test-server/parent-watchdog.ts).
me=$$
# This process (the server, once exec'd) is known by its parent and start time, so a PID used
# again later is never taken for it.
watched=$(ps -o ppid=,lstart= -p "$me")
started=$(ps -o lstart= -p "$me")
(
  while [ "$(ps -o ppid=,lstart= -p "$me" 2>/dev/null)" = "$watched" ]; do sleep ${WATCHDOG_INTERVAL_SECONDS}; done
  # The server still running, but its parent gone: end it.
  if [ "$(ps -o lstart= -p "$me" 2>/dev/null)" = "$started" ]; then
    kill -TERM "$me" 2>/dev/null
    for _ in 1 2 3 4 5; do
      sleep 1
      [ "$(ps -o lstart= -p "$me" 2>/dev/null)" = "$started" ] || exit 0
    done
    kill -KILL "$me" 2>/dev/null
  fi
) </dev/null >/dev/null 2>&1 &
exec ${quote(serverPath)} "$@"
`;
}

/** Writes the script at `path` (executable) and returns `path`. */
export async function writeParentWatchdog(path: string, serverPath: string): Promise<string> {
  await writeFile(path, parentWatchdogScript(serverPath));
  await chmod(path, 0o755);
  return path;
}
