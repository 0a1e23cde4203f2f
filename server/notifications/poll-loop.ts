/**
 * Runs `round` now and then every `intervalMs` after the previous round ended (never two at once);
 * a failed round is logged and the next one comes as usual. `stop` waits for a round in progress.
 */
export function pollLoop(round: () => Promise<unknown>, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    start(intervalMs = 10_000) {
      const tick = () => {
        running = round()
          .catch(onError)
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
