import { describe, expect, it } from 'vitest';
import { withDeadline } from './b1-engine';

describe('withDeadline (B1 replay step)', () => {
  it('passes an answer that comes in time and names what did not answer otherwise', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000, 'fast')).resolves.toBe(7);
    await expect(withDeadline(new Promise(() => undefined), 20, 'replaying x.json')).rejects.toThrow('replaying x.json: no answer within 0.02 s');
  });
});
