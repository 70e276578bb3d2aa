import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Seals secrets (provider and back-office tokens) before they touch the database. */
export interface SecretCipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** AES-256-GCM with a 32-byte data key; the sealed form is `v1:` + base64(iv ‖ tag ‖ ciphertext). */
export function keyCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown secret format');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Browser mode's key: a random key file next to the database, readable by this user only. (The
 * Electron shell instead keeps the key sealed with the OS keychain through safeStorage and hands it
 * to the core at start.)
 */
export function fileKeyCipher(dataDir: string): SecretCipher {
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return keyCipher(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
}
