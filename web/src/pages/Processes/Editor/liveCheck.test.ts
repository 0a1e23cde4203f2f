import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveCheck } from './liveCheck';

describe('the editor checks the diagram while the owner draws', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once after a burst of changes, not per change', async () => {
    const check = vi.fn(async () => undefined);
    const live = createLiveCheck(check, 1000);
    for (let i = 0; i < 5; i++) {
      live.schedule();
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('never runs two checks at once: a change during a check is checked after it', async () => {
    let finish!: () => void;
    let inFlight = 0;
    let most = 0;
    const check = vi.fn(() => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise<void>((resolve) => {
        finish = () => {
          inFlight--;
          resolve();
        };
      });
    });
    const live = createLiveCheck(check, 100);
    live.schedule();
    await vi.advanceTimersByTimeAsync(100);
    expect(check).toHaveBeenCalledTimes(1);
    live.schedule();
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(check).toHaveBeenCalledTimes(2);
    finish();
    expect(most).toBe(1);
  });

  it('keeps going after a failed check and stops on unmount', async () => {
    const check = vi.fn(async () => {
      throw new Error('503 compile.busy');
    });
    const live = createLiveCheck(check, 100);
    live.schedule();
    await vi.advanceTimersByTimeAsync(100);
    live.schedule();
    await vi.advanceTimersByTimeAsync(100);
    expect(check).toHaveBeenCalledTimes(2);
    live.schedule();
    live.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(check).toHaveBeenCalledTimes(2);
  });
});
