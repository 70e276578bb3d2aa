import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * PINs (and enrolment codes) are kept only as salted scrypt hashes with their parameters, in the
 * one format the back-office also uses: `scrypt$N$r$p$<salt base64>$<hash base64>`. A 4–6 digit PIN
 * has few possibilities, so the hash is slow on purpose and the lock-out after a few wrong PINs is
 * what really protects it; the hash keeps a stolen database from handing PINs out in clear.
 */
const DEFAULT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** A hash from the back-office is foreign input: parameters past these would stall the counter. */
const LIMITS = { maxN: 1 << 20, maxR: 16, maxP: 4, maxKey: 64 } as const;

export const PIN_PATTERN = /^\d{4,6}$/;
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]{16,}={0,2})\$([A-Za-z0-9+/]{16,}={0,2})$/;

interface Parsed {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function derive(secret: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/** Parses a stored or received hash; null when it is not one Kassa can (or will) check. */
export function parsePinHash(encoded: string): Parsed | null {
  const match = FORMAT.exec(encoded);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = Buffer.from(match[4] as string, 'base64');
  const hash = Buffer.from(match[5] as string, 'base64');
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > LIMITS.maxN || r < 1 || r > LIMITS.maxR || p < 1 || p > LIMITS.maxP) return null;
  if (salt.length < 8 || hash.length < 16 || hash.length > LIMITS.maxKey) return null;
  return { N, r, p, salt, hash };
}

export function isPinHash(encoded: string): boolean {
  return parsePinHash(encoded) !== null;
}

export async function hashSecret(
  secret: string,
  params: { N: number; r: number; p: number } = DEFAULT,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, KEY_LENGTH, scryptOptions(params.N, params.r, params.p));
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time check of a secret against its stored hash; a malformed hash never matches. */
export async function verifySecret(secret: string, encoded: string | null): Promise<boolean> {
  const parsed = encoded ? parsePinHash(encoded) : null;
  if (!parsed) return false;
  const key = await derive(secret, parsed.salt, parsed.hash.length, scryptOptions(parsed.N, parsed.r, parsed.p));
  return timingSafeEqual(key, parsed.hash);
}
