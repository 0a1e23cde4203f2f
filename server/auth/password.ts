import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from Node's own crypto: no native add-on to build or to crash (argon2's prebuilt
// binary segfaulted on this platform). Parameters follow OWASP's scrypt recommendation
// (N=2^17, r=8, p=1); they are stored in the hash so they can be raised later.
const PARAMS = { N: 1 << 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(plain: string, salt: Buffer, opts: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(plain.normalize('NFC'), salt, keyLength, { ...opts, maxmem: 256 * opts.N! * opts.r! }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `$scrypt$N=…,r=…,p=…$<salt b64>$<key b64>` */
export async function hashPassword(plain: string, params: { N: number; r: number; p: number } = PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(plain, salt, params, KEY_LENGTH);
  return `$scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * For throwaway test stacks only: the demo users' shared public password hashed at a low cost,
 * so the hundreds of sign-ins of a test run do not spend minutes in scrypt. Verification reads
 * the cost from the hash; every other hash keeps PARAMS.
 */
export const TEST_ONLY_CHEAP_PARAMS = { N: 1 << 10, r: 8, p: 1 } as const;

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  const match = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
  if (!match) return false;
  const [, n, r, p, saltB64, keyB64] = match;
  const expected = Buffer.from(keyB64!, 'base64');
  try {
    const actual = await scrypt(plain, Buffer.from(saltB64!, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash of nobody's password, made once, so an unknown user name costs what a known one does. */
const dummyHash = () => (dummy ??= hashPassword(randomBytes(18).toString('base64')));

/**
 * Whether a sign-in may proceed. An unknown or disabled user still costs one full verification,
 * so the answer's timing does not tell whether a user name exists (it answered in 10 ms against
 * 700 ms before).
 */
export async function credentialsMatch(
  user: { passwordHash: string; disabled: boolean } | undefined,
  password: string,
  verify: (hash: string, password: string) => Promise<boolean> = verifyPassword,
): Promise<boolean> {
  if (!user || user.disabled) {
    await verify(await dummyHash(), password);
    return false;
  }
  return verify(user.passwordHash, password);
}
