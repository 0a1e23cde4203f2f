/**
 * Runs `check` once the owner has stopped changing the diagram for `delayMs`: one request at a time
 * (a change during a check is checked again after it), so typing in the properties panel sends one
 * validation, not one per key, and the compile pool is never flooded by one editor.
 */
export function createLiveCheck(check: () => Promise<void>, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const fire = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await check();
    } catch {
      // best effort: the 校验 button and deploy report failures
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fire(), delayMs);
  };
  return {
    /** After a change. */
    schedule,
    /** On unmount. */
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
