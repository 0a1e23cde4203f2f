import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralPortRange, freePort, freePortRange, isPortFree } from './ports';

describe('freePort', () => {
  it('reads the kernel ephemeral range, with Linux defaults when it cannot', () => {
    expect(ephemeralPortRange(() => '32768\t60999\n')).toEqual([32_768, 60_999]);
    expect(ephemeralPortRange(() => '1024 65535')).toEqual([1_024, 65_535]);
    expect(ephemeralPortRange(() => 'nonsense')).toEqual([32_768, 60_999]);
    expect(
      ephemeralPortRange(() => {
        throw new Error('ENOENT');
      }),
    ).toEqual([32_768, 60_999]);
  });

  it('draws below the ephemeral range (and below 32768), above it when nothing is left below', () => {
    expect(freePortRange([32_768, 60_999])).toEqual([20_000, 32_767]);
    expect(freePortRange([49_152, 65_535])).toEqual([20_000, 32_767]);
    expect(freePortRange([28_000, 50_000])).toEqual([20_000, 27_999]);
    expect(freePortRange([15_000, 50_000])).toEqual([50_001, 65_535]);
    expect(freePortRange([1_024, 65_535])).toEqual([20_000, 65_535]);
  });

  it('hands out free ports outside the ephemeral range, never the same twice', async () => {
    const [low, high] = ephemeralPortRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port < low || port > high).toBe(true);
      expect(await isPortFree(port)).toBe(true);
    }
    // and it can be bound
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    expect(await isPortFree(ports[0]!)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
  });
});
