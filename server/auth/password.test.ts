import { describe, expect, it } from 'vitest';
import { credentialsMatch, hashPassword, verifyPassword } from './password';

// Each hash is deliberately slow (128 MiB, OWASP cost); on 2 busy cores three of them can
// exceed vitest's 5 s default, which says nothing about correctness.
describe('password hashing', { timeout: 30_000 }, () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('shouwen123');
    expect(hash).toMatch(/^\$scrypt\$N=131072,r=8,p=1\$/);
    expect(await verifyPassword(hash, 'shouwen123')).toBe(true);
    expect(await verifyPassword(hash, 'shouwen124')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('refuses malformed or foreign hashes instead of throwing', async () => {
    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=65536,t=3,p=4$abc$def', 'x')).toBe(false);
    expect(await verifyPassword('$scrypt$N=3,r=8,p=1$AAAA$AAAA', 'x')).toBe(false);
  });

  it('spends one full verification on an unknown or disabled user too, and says no', async () => {
    const checked: string[] = [];
    const verify = async (hash: string) => {
      checked.push(hash);
      return true;
    };
    expect(await credentialsMatch(undefined, 'guess', verify)).toBe(false);
    expect(await credentialsMatch({ passwordHash: 'h', disabled: true }, 'guess', verify)).toBe(false);
    expect(checked).toHaveLength(2);
    expect(checked[0]).toMatch(/^\$scrypt\$N=131072,r=8,p=1\$/);
    expect(await credentialsMatch({ passwordHash: 'h', disabled: false }, 'right', verify)).toBe(true);
    expect(checked.at(-1)).toBe('h');
  });
});
