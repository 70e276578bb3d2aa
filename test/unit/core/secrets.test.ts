import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKeyCipher, keyCipher } from '../../../electron/core/secrets/secret-cipher';
import { loadDataKey } from '../../../electron/main/data-key';
import { tempDir } from '../../helpers/test-engine';

describe('secrets at rest', () => {
  it('seals a token so that the stored form does not contain it, and opens it again', () => {
    const cipher = fileKeyCipher(tempDir());
    const sealed = cipher.seal('bo-token-1234567890');
    expect(sealed).not.toContain('bo-token');
    expect(cipher.open(sealed)).toBe('bo-token-1234567890');
    expect(cipher.seal('same')).not.toBe(cipher.seal('same'));
  });

  it('keeps the browser-mode key file readable by the user only, and refuses a tampered secret', () => {
    const dir = tempDir();
    const cipher = fileKeyCipher(dir);
    expect(statSync(join(dir, 'secret.key')).mode & 0o077).toBe(0);
    const sealed = cipher.seal('token');
    const tampered = `v1:${Buffer.from(Buffer.from(sealed.slice(3), 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64')}`;
    expect(() => cipher.open(tampered)).toThrow();
    expect(() => keyCipher(Buffer.alloc(32, 1)).open(sealed)).toThrow();
  });

  it('keeps the Electron data key sealed by safeStorage and returns the same key on the next start', () => {
    const dir = tempDir();
    const fakeKeychain = {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain.split('').reverse().join(''), 'utf8'),
      decryptString: (sealed: Buffer) => sealed.toString('utf8').split('').reverse().join(''),
    };
    const first = loadDataKey(dir, fakeKeychain).key;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, 'secret.key.sealed'), 'utf8')).not.toContain(first ?? 'x');
    expect(loadDataKey(dir, fakeKeychain).key).toBe(first);
    expect(loadDataKey(tempDir(), { ...fakeKeychain, isEncryptionAvailable: () => false }).key).toBeNull();
  });
});
